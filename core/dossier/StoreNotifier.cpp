#include "core/dossier/StoreNotifier.h"

namespace sohoa {

StoreNotifier::StoreNotifier(QObject *parent) : QObject(parent)
{
    // Queued connections copy the arguments through the meta-type system.
    static const bool registered = [] {
        qRegisterMetaType<DossierInfo>();
        qRegisterMetaType<ComponentInfo>();
        qRegisterMetaType<PageRecord>();
        qRegisterMetaType<UploadJobRecord>();
        return true;
    }();
    Q_UNUSED(registered);
}

} // namespace sohoa
