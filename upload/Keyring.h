#pragma once

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QString>

namespace sohoa::upload {

// An upload target's secret in the desktop keyring (the Secret Service of GNOME Keyring or KWallet on
// D-Bus, through QtKeychain), under the service "SoHoa" and the key "upload-target/NAME". Blocking:
// call from a worker thread or a command-line tool. Without a keyring that answers, a clear
// InvalidArgument says to use an environment variable or a 0600 file instead; never a plain-text
// fallback.
Result<void> keepSecretInKeyring(const QString &targetName, const SecureBuffer &secret);
Result<SecureBuffer> secretFromKeyring(const QString &targetName);
// Forgets it (nothing there is not an error).
Result<void> forgetSecretInKeyring(const QString &targetName);

} // namespace sohoa::upload
