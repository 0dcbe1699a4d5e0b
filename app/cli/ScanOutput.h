#pragma once

// What `sohoa-cli scan` prints while its batch runs and when it ends.

namespace sohoa::workflows {
class ScanBatchJob;
}

namespace sohoa::cli {

// Prints the job's events as they come (a page line only once the page is saved); lines, or one
// JSON object per line with --json.
void printScanEvents(workflows::ScanBatchJob &job, bool json);

// Prints the batch's summary and what to do next; returns the exit status.
int printScanSummary(const workflows::ScanBatchJob &job, bool json);

} // namespace sohoa::cli
