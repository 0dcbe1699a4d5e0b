#include "core/common/Error.h"

#include <QLocale>

namespace sohoa {

namespace {

struct ErrorText
{
    ErrorCode code;
    const char *id;
    const char *en;
    const char *vi;
    int exitStatus;
};

// Exit statuses: 2 usage, 3 scanner, 4 store, 5 PDF output, 6 input PDF, 7 keys and signing, 70 internal,
// 130 cancelled (as after SIGINT).
constexpr ErrorText kTexts[] = {
    {ErrorCode::None, "ok", "No error.", "Không có lỗi.", 0},
    {ErrorCode::InvalidArgument, "invalid-argument",
     "A value given to the program is not valid. Check the command and try again.",
     "Giá trị đưa vào chương trình không hợp lệ. Hãy kiểm tra lại lệnh và thử lại.", 2},
    {ErrorCode::Cancelled, "cancelled", "The operation was cancelled. Pages already saved are kept.",
     "Thao tác đã bị hủy. Các trang đã lưu vẫn được giữ nguyên.", 130},
    {ErrorCode::Internal, "internal",
     "An unexpected internal error occurred. Pages already saved are kept; please report this problem.",
     "Đã xảy ra lỗi nội bộ không mong muốn. Các trang đã lưu vẫn được giữ nguyên; vui lòng báo lại sự cố này.", 70},

    {ErrorCode::ScannerInitFailed, "scanner-init-failed",
     "The scanner system (SANE) could not be started. Check that the scanner drivers are installed, then restart the "
     "program.",
     "Không khởi động được hệ thống máy quét (SANE). Hãy kiểm tra trình điều khiển máy quét đã được cài đặt, rồi khởi "
     "động lại chương trình.",
     3},
    {ErrorCode::ScannerNotFound, "scanner-not-found",
     "The scanner was not found. Check that it is switched on and connected, then list the devices again.",
     "Không tìm thấy máy quét. Hãy kiểm tra máy quét đã bật và đã kết nối, rồi liệt kê lại thiết bị.", 3},
    {ErrorCode::ScannerBusy, "scanner-busy",
     "The scanner is busy or used by another program. Close the other program or wait, then try again.",
     "Máy quét đang bận hoặc đang được chương trình khác sử dụng. Hãy đóng chương trình đó hoặc chờ một lúc rồi thử "
     "lại.",
     3},
    {ErrorCode::ScannerJammed, "scanner-jammed",
     "Paper is jammed in the scanner. Remove the jammed sheet, put the remaining pages back in the feeder and continue "
     "the batch.",
     "Giấy bị kẹt trong máy quét. Hãy lấy tờ bị kẹt ra, đặt lại các trang còn lại vào khay nạp và tiếp tục quét.", 3},
    {ErrorCode::ScannerCoverOpen, "scanner-cover-open",
     "The scanner cover is open. Close the cover, then continue the batch.",
     "Nắp máy quét đang mở. Hãy đóng nắp rồi tiếp tục quét.", 3},
    {ErrorCode::FeederEmpty, "feeder-empty",
     "The document feeder is empty. Put the pages in the feeder, then start the scan again.",
     "Khay nạp giấy đang trống. Hãy đặt tài liệu vào khay nạp rồi bắt đầu quét lại.", 3},
    {ErrorCode::ScannerIoError, "scanner-io-error",
     "Communication with the scanner failed. Check the cable and power, switch the scanner off and on, then continue "
     "the batch.",
     "Mất liên lạc với máy quét. Hãy kiểm tra cáp và nguồn điện, tắt rồi bật lại máy quét, sau đó tiếp tục quét.", 3},
    {ErrorCode::ScannerAccessDenied, "scanner-access-denied",
     "Access to the scanner was denied. Ask the administrator for permission to use the scanner (for example the "
     "\"scanner\" group).",
     "Không có quyền truy cập máy quét. Hãy đề nghị quản trị viên cấp quyền sử dụng máy quét (ví dụ nhóm \"scanner\").",
     3},
    {ErrorCode::ScannerNoMemory, "scanner-no-memory",
     "The scanner or the computer ran out of memory. Lower the resolution or close other programs, then continue the "
     "batch.",
     "Máy quét hoặc máy tính không đủ bộ nhớ. Hãy giảm độ phân giải hoặc đóng bớt chương trình, rồi tiếp tục quét.", 3},
    {ErrorCode::ScannerUnsupported, "scanner-unsupported",
     "The scanner does not support this operation or setting. Choose another setting and try again.",
     "Máy quét không hỗ trợ thao tác hoặc thiết lập này. Hãy chọn thiết lập khác và thử lại.", 3},
    {ErrorCode::ScannerInvalidValue, "scanner-invalid-value",
     "The scanner rejected a setting. Check the scan settings (mode, resolution, page size) and try again.",
     "Máy quét không chấp nhận một thiết lập. Hãy kiểm tra lại chế độ, độ phân giải, khổ giấy và thử lại.", 3},
    {ErrorCode::ScannerProtocol, "scanner-protocol",
     "The scanner sent data the program cannot use. Switch the scanner off and on, then continue the batch.",
     "Máy quét gửi dữ liệu mà chương trình không sử dụng được. Hãy tắt rồi bật lại máy quét, sau đó tiếp tục quét.", 3},
    {ErrorCode::ScannerUnknownStatus, "scanner-unknown-status",
     "The scanner reported an unknown problem. Check the scanner's display or lights, then continue the batch.",
     "Máy quét báo một lỗi không xác định. Hãy xem màn hình hoặc đèn báo của máy quét, rồi tiếp tục quét.", 3},
    {ErrorCode::OptionNotFound, "option-not-found",
     "The scanner has no such option. List the device's options and check the name.",
     "Máy quét không có tùy chọn này. Hãy xem danh sách tùy chọn của thiết bị và kiểm tra lại tên.", 2},
    {ErrorCode::OptionInactive, "option-inactive",
     "This scanner option is not available with the current settings. Change the related setting first (for example "
     "the mode or source).",
     "Tùy chọn này của máy quét không dùng được với thiết lập hiện tại. Hãy đổi thiết lập liên quan trước (ví dụ chế "
     "độ hoặc nguồn giấy).",
     2},
    {ErrorCode::OptionReadOnly, "option-read-only", "This scanner option can only be read, not changed.",
     "Tùy chọn này của máy quét chỉ đọc được, không thay đổi được.", 2},
    {ErrorCode::OptionInvalidValue, "option-invalid-value",
     "The value is not allowed for this scanner option. Use one of the values the device offers.",
     "Giá trị không hợp lệ cho tùy chọn này của máy quét. Hãy dùng một trong các giá trị thiết bị cho phép.", 2},

    {ErrorCode::StoreOpenFailed, "store-open-failed",
     "The dossier store could not be opened. Check that the folder exists and that you may write to it.",
     "Không mở được kho hồ sơ. Hãy kiểm tra thư mục tồn tại và bạn có quyền ghi vào đó.", 4},
    {ErrorCode::StoreCorrupt, "store-corrupt",
     "The dossier database is damaged. Do not delete anything; make a copy of the store folder and contact support.",
     "Cơ sở dữ liệu hồ sơ bị hỏng. Đừng xóa gì; hãy sao chép thư mục kho hồ sơ và liên hệ bộ phận hỗ trợ.", 4},
    {ErrorCode::StoreLocked, "store-locked",
     "The dossier store is being used by another program. Wait a moment and try again.",
     "Kho hồ sơ đang được chương trình khác sử dụng. Hãy chờ một lát rồi thử lại.", 4},
    {ErrorCode::DiskFull, "disk-full",
     "The disk is full. Pages already saved are kept; free some space, then continue the batch.",
     "Ổ đĩa đã đầy. Các trang đã lưu vẫn được giữ; hãy giải phóng dung lượng rồi tiếp tục quét.", 4},
    {ErrorCode::FileWriteFailed, "file-write-failed",
     "A file could not be written. Check free space and write permission of the folder, then try again.",
     "Không ghi được tệp. Hãy kiểm tra dung lượng trống và quyền ghi của thư mục, rồi thử lại.", 4},
    {ErrorCode::FileReadFailed, "file-read-failed",
     "A file could not be read. Check that it exists and that you may read it.",
     "Không đọc được tệp. Hãy kiểm tra tệp tồn tại và bạn có quyền đọc.", 4},
    {ErrorCode::InvalidDossierCode, "invalid-dossier-code",
     "The dossier code is not valid. Use the form H15.50.05.13-261008-0975 or MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX, or "
     "allow a free-form code explicitly.",
     "Mã hồ sơ không hợp lệ. Hãy dùng dạng H15.50.05.13-261008-0975 hoặc MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX, hoặc cho "
     "phép mã tự do một cách rõ ràng.",
     2},
    {ErrorCode::DossierNotFound, "dossier-not-found",
     "No dossier has this code in the store. Check the code or list the dossiers.",
     "Không có hồ sơ nào mang mã này trong kho. Hãy kiểm tra lại mã hoặc xem danh sách hồ sơ.", 4},
    {ErrorCode::ComponentNotFound, "component-not-found",
     "The dossier has no component with this name. Check the name or show the dossier.",
     "Hồ sơ không có thành phần mang tên này. Hãy kiểm tra lại tên hoặc xem chi tiết hồ sơ.", 4},
    {ErrorCode::PageFileMissing, "page-file-missing",
     "A saved page image is missing from the store. Do not continue with this dossier; restore the file from a backup "
     "or scan the page again.",
     "Thiếu tệp ảnh của một trang đã lưu trong kho. Đừng tiếp tục với hồ sơ này; hãy khôi phục tệp từ bản sao lưu hoặc "
     "quét lại trang đó.",
     4},
    {ErrorCode::PageFileDamaged, "page-file-damaged",
     "A saved page image has been changed or damaged (its checksum differs). Restore the file from a backup or scan "
     "the page again.",
     "Tệp ảnh của một trang đã lưu bị thay đổi hoặc hư hỏng (mã kiểm tra không khớp). Hãy khôi phục tệp từ bản sao lưu "
     "hoặc quét lại trang đó.",
     4},
    {ErrorCode::ImageEncodeFailed, "image-encode-failed",
     "The page image could not be encoded. Try another image format, then scan the page again.",
     "Không mã hóa được ảnh trang. Hãy thử định dạng ảnh khác rồi quét lại trang.", 4},
    {ErrorCode::ImageDecodeFailed, "image-decode-failed",
     "A page image could not be read. The file may be damaged; restore it or scan the page again.",
     "Không đọc được ảnh trang. Tệp có thể bị hỏng; hãy khôi phục hoặc quét lại trang.", 4},

    {ErrorCode::NoPages, "no-pages", "There are no pages to put in the PDF. Scan pages into the dossier first.",
     "Không có trang nào để đưa vào PDF. Hãy quét tài liệu vào hồ sơ trước.", 5},
    {ErrorCode::OutputExists, "output-exists",
     "The output file already exists and was not overwritten. Choose another name or allow overwriting.",
     "Tệp kết quả đã tồn tại và không bị ghi đè. Hãy chọn tên khác hoặc cho phép ghi đè.", 5},
    {ErrorCode::PdfWriteFailed, "pdf-write-failed",
     "The PDF could not be written. Check free space and write permission of the output folder, then try again.",
     "Không ghi được tệp PDF. Hãy kiểm tra dung lượng trống và quyền ghi của thư mục đích, rồi thử lại.", 5},

    {ErrorCode::PdfDamaged, "pdf-damaged",
     "The PDF file is damaged and cannot be read safely. Ask the sender for a new copy or repair it, then try again. The file was not changed.",
     "Tệp PDF bị hỏng, không đọc được an toàn. Hãy xin bản khác từ người gửi hoặc sửa tệp rồi thử lại. Tệp gốc không bị thay đổi.", 6},
    {ErrorCode::PdfEncrypted, "pdf-encrypted",
     "The PDF is encrypted and cannot be signed or stamped without its password. Give its password (the owner "
     "password if its permissions do not allow the change) or remove the protection, then try again. The file was not "
     "changed.",
     "Tệp PDF đang được mã hóa, không ký hay đóng dấu mã QR được nếu thiếu mật khẩu. Hãy cung cấp mật khẩu của tệp "
     "(mật khẩu chủ sở hữu nếu quyền của tệp không cho phép thay đổi) hoặc gỡ bảo vệ rồi thử lại. Tệp gốc không bị "
     "thay đổi.",
     6},
    {ErrorCode::PdfUnsupported, "pdf-unsupported",
     "This PDF uses a structure the signer does not support. Save it again as a standard PDF, then sign it.",
     "Tệp PDF này có cấu trúc mà chương trình ký chưa hỗ trợ. Hãy lưu lại thành PDF chuẩn rồi ký.", 6},
    {ErrorCode::PdfCertifiedNoChanges, "pdf-certified-no-changes",
     "The PDF is certified by its author with no changes allowed (DocMDP level 1): another signature would break that "
     "certification, so it was not signed. Ask the author for a version that allows signing. The file was not changed.",
     "Tệp PDF đã được tác giả chứng nhận và không cho phép bất kỳ thay đổi nào (DocMDP mức 1): thêm chữ ký sẽ làm mất "
     "hiệu lực chứng nhận đó nên tệp không được ký. Hãy đề nghị tác giả cung cấp bản cho phép ký. Tệp gốc không bị "
     "thay đổi.",
     6},
    {ErrorCode::KeyFileUnreadable, "key-file-unreadable",
     "The key file (.p12/.pfx) cannot be read. Check the path and that the file is a PKCS#12 file.",
     "Không đọc được tệp khóa (.p12/.pfx). Hãy kiểm tra đường dẫn và tệp đúng định dạng PKCS#12.", 7},
    {ErrorCode::WrongPassword, "wrong-password",
     "The password of the key file is wrong. Enter it again.",
     "Mật khẩu của tệp khóa không đúng. Hãy nhập lại.", 7},
    {ErrorCode::Pkcs11ModuleNotFound, "pkcs11-module-not-found",
     "The token driver (PKCS#11 module) was not found. Install the driver of your USB token or give its path.",
     "Không tìm thấy trình điều khiển token (mô-đun PKCS#11). Hãy cài trình điều khiển của USB token hoặc chỉ rõ đường dẫn.", 7},
    {ErrorCode::TokenNotFound, "token-not-found",
     "No matching USB token is plugged in. Plug in the token (check its label or serial), then try again.",
     "Không thấy USB token phù hợp. Hãy cắm token (kiểm tra nhãn hoặc số sê-ri) rồi thử lại.", 7},
    {ErrorCode::KeyNotFound, "key-not-found",
     "The signing key or its certificate was not found on the token or in the file. Check the key label or id.",
     "Không tìm thấy khóa ký hoặc chứng thư số trên token hay trong tệp. Hãy kiểm tra nhãn hoặc mã khóa.", 7},
    {ErrorCode::WrongPin, "wrong-pin",
     "The PIN is wrong. It was not tried again automatically; check the remaining tries before entering it again.",
     "Mã PIN không đúng. Chương trình không tự thử lại; hãy xem số lần thử còn lại trước khi nhập lại.", 7},
    {ErrorCode::PinLocked, "pin-locked",
     "The token's PIN is locked after too many wrong tries. Ask the certificate provider to unlock it with the PUK/SO PIN.",
     "Mã PIN của token đã bị khóa do nhập sai quá số lần cho phép. Hãy liên hệ nhà cung cấp chứng thư để mở khóa bằng PUK/SO PIN.", 7},
    {ErrorCode::TokenRemoved, "token-removed",
     "The USB token was removed. Files already signed are complete; plug the token in again and sign the remaining files.",
     "USB token đã bị rút ra. Các tệp đã ký vẫn trọn vẹn; hãy cắm lại token và ký các tệp còn lại.", 7},
    {ErrorCode::TokenError, "token-error",
     "The USB token reported an error. Unplug and plug it in again, then try again.",
     "USB token báo lỗi. Hãy rút ra, cắm lại rồi thử lại.", 7},
    {ErrorCode::CertificateNotYetValid, "certificate-not-yet-valid",
     "The signing certificate is not valid yet. Check the computer's date and time.",
     "Chứng thư số chưa đến thời hạn hiệu lực. Hãy kiểm tra ngày giờ của máy tính.", 7},
    {ErrorCode::CertificateExpired, "certificate-expired",
     "The signing certificate has expired. Renew it with the certificate provider before signing.",
     "Chứng thư số đã hết hạn. Hãy gia hạn với nhà cung cấp chứng thư trước khi ký.", 7},
    {ErrorCode::CertificateKeyUsage, "certificate-key-usage",
     "The certificate is not allowed to make digital signatures (key usage). Use a signing certificate.",
     "Chứng thư số không được phép dùng để ký số (mục đích sử dụng khóa). Hãy dùng chứng thư dành cho ký số.", 7},
    {ErrorCode::SigningFailed, "signing-failed",
     "The signature could not be made. The input was not changed; try again, and report the problem if it persists.",
     "Không tạo được chữ ký. Tệp gốc không bị thay đổi; hãy thử lại và báo lỗi nếu vẫn xảy ra.", 7},
    {ErrorCode::SignatureTooLarge, "signature-too-large",
     "The signature is larger than the space reserved for it. Try again; if it persists, report the problem.",
     "Chữ ký lớn hơn vùng dành sẵn cho nó. Hãy thử lại; nếu vẫn lỗi, hãy báo lại.", 7},
    {ErrorCode::TimestampFailed, "timestamp-failed",
     "The timestamp service did not answer correctly. Check the network and the TSA address, or sign without a timestamp.",
     "Dịch vụ cấp dấu thời gian không trả lời đúng. Hãy kiểm tra mạng và địa chỉ TSA, hoặc ký không kèm dấu thời gian.", 7},
    {ErrorCode::VerificationFailed, "verification-failed",
     "The signed file did not pass verification and was not kept. The input was not changed; try again.",
     "Tệp sau khi ký không qua được bước kiểm tra và đã bị loại bỏ. Tệp gốc không bị thay đổi; hãy thử lại.", 7},
    {ErrorCode::AppearanceFailed, "appearance-failed",
     "The visible signature block could not be drawn. Check the images and texts given for it.",
     "Không vẽ được khối chữ ký hiển thị. Hãy kiểm tra các ảnh và nội dung văn bản đã cung cấp.", 7},

    {ErrorCode::QrPayloadTooLarge, "qr-payload-too-large",
     "The text for the QR code is too long for a QR symbol at this error-correction level. Shorten the text or choose "
     "a lower level (L or M).",
     "Nội dung mã QR quá dài so với sức chứa của mã ở mức sửa lỗi này. Hãy rút ngắn nội dung hoặc chọn mức thấp hơn "
     "(L hoặc M).",
     2},
    {ErrorCode::CoverSheetInvalid, "cover-sheet-invalid",
     "A page carries a SoHoa cover-sheet code that cannot be used (unknown version or invalid dossier code). The page "
     "was kept as an ordinary page of the current dossier; print a new cover sheet with sohoa-cli coversheet and "
     "rescan that dossier.",
     "Một trang có mã tờ bìa SoHoa không dùng được (phiên bản lạ hoặc mã hồ sơ không hợp lệ). Trang đó được giữ như "
     "một trang thường của hồ sơ hiện tại; hãy in lại tờ bìa bằng sohoa-cli coversheet và quét lại hồ sơ đó.",
     4},
    {ErrorCode::CoverSheetFailed, "cover-sheet-failed",
     "The cover sheet PDF could not be drawn. Check that the Liberation Serif 2 font (fonts-liberation2) is "
     "installed and the output folder is writable.",
     "Không tạo được tệp PDF tờ bìa. Hãy kiểm tra phông chữ Liberation Serif 2 (gói fonts-liberation2) đã được cài "
     "đặt và thư mục đầu ra cho phép ghi.",
     5},
    {ErrorCode::QrStampFailed, "qr-stamp-failed",
     "The QR code or its caption could not be drawn. Check the caption text (Vietnamese needs the fonts-liberation2 "
     "package), then try again. The input was not changed.",
     "Không vẽ được mã QR hoặc dòng chú thích. Hãy kiểm tra nội dung chú thích (tiếng Việt cần gói fonts-liberation2) "
     "rồi thử lại. Tệp gốc không bị thay đổi.",
     5},

    {ErrorCode::StoreTooNew, "store-too-new",
     "The dossier store was written by a newer version of SoHoa and this version cannot read it safely. Update SoHoa "
     "to open it; nothing in the store was changed.",
     "Kho hồ sơ được ghi bởi phiên bản SoHoa mới hơn nên phiên bản này không đọc được một cách an toàn. Hãy cập nhật "
     "SoHoa để mở kho; không có gì trong kho bị thay đổi.",
     4},
    {ErrorCode::PageNotFound, "page-not-found",
     "The page was not found in the dossier: it may have been moved or deleted meanwhile. Show the dossier again and "
     "choose the page from the list.",
     "Không tìm thấy trang trong hồ sơ: trang có thể vừa bị chuyển đi hoặc bị xóa. Hãy xem lại hồ sơ và chọn trang "
     "trong danh sách.",
     4},
};

const ErrorText &textOf(ErrorCode code)
{
    for (const auto &t : kTexts) {
        if (t.code == code)
            return t;
    }
    return kTexts[3]; // Internal
}

} // namespace

QString Error::idOf(ErrorCode code)
{
    return QString::fromLatin1(textOf(code).id);
}
QString Error::messageEnOf(ErrorCode code)
{
    return QString::fromUtf8(textOf(code).en);
}
QString Error::messageViOf(ErrorCode code)
{
    return QString::fromUtf8(textOf(code).vi);
}

bool Error::isUiLocaleVietnamese()
{
    return QLocale().language() == QLocale::Vietnamese;
}

QString Error::id() const
{
    return idOf(m_code);
}
QString Error::messageEn() const
{
    return messageEnOf(m_code);
}
QString Error::messageVi() const
{
    return messageViOf(m_code);
}
QString Error::message() const
{
    return isUiLocaleVietnamese() ? messageVi() : messageEn();
}
int Error::exitStatus() const
{
    return textOf(m_code).exitStatus;
}

QString Error::fullText() const
{
    QString text = messageVi() + u'\n' + messageEn();
    if (!m_detail.isEmpty())
        text += QStringLiteral("\n(") + m_detail + u')';
    return text;
}

} // namespace sohoa
