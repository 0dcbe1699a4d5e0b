#include "app/workflows/WorkflowsLogging.h"

Q_LOGGING_CATEGORY(lcWorkflows, "sohoa.workflows")
