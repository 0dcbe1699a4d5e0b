<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>sohoa::Error</name>
    <message>
        <location filename="../../core/common/Error.cpp" line="+27"/>
        <source>No error.</source>
        <translation>Không có lỗi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A value given to the program is not valid. Check the command and try again.</source>
        <translation>Giá trị đưa vào chương trình không hợp lệ. Hãy kiểm tra lại lệnh và thử lại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The operation was cancelled. Pages already saved are kept.</source>
        <translation>Thao tác đã bị hủy. Các trang đã lưu vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An unexpected internal error occurred. Pages already saved are kept; please report this problem.</source>
        <translation>Đã xảy ra lỗi nội bộ không mong muốn. Các trang đã lưu vẫn được giữ nguyên; vui lòng báo lại sự cố này.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The scanner system (SANE) could not be started. Check that the scanner drivers are installed, then restart the program.</source>
        <translation>Không khởi động được hệ thống máy quét (SANE). Hãy kiểm tra trình điều khiển máy quét đã được cài đặt, rồi khởi động lại chương trình.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The scanner was not found. Check that it is switched on and connected, then list the devices again.</source>
        <translation>Không tìm thấy máy quét. Hãy kiểm tra máy quét đã bật và đã kết nối, rồi liệt kê lại thiết bị.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The scanner is busy or used by another program. Close the other program or wait, then try again.</source>
        <translation>Máy quét đang bận hoặc đang được chương trình khác sử dụng. Hãy đóng chương trình đó hoặc chờ một lúc rồi thử lại.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paper is jammed in the scanner. Remove the jammed sheet, put the remaining pages back in the feeder and continue the batch.</source>
        <translation>Giấy bị kẹt trong máy quét. Hãy lấy tờ bị kẹt ra, đặt lại các trang còn lại vào khay nạp và tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The scanner cover is open. Close the cover, then continue the batch.</source>
        <translation>Nắp máy quét đang mở. Hãy đóng nắp rồi tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The document feeder is empty. Put the pages in the feeder, then start the scan again.</source>
        <translation>Khay nạp giấy đang trống. Hãy đặt tài liệu vào khay nạp rồi bắt đầu quét lại.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Communication with the scanner failed. Check the cable and power, switch the scanner off and on, then continue the batch.</source>
        <translation>Mất liên lạc với máy quét. Hãy kiểm tra cáp và nguồn điện, tắt rồi bật lại máy quét, sau đó tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Access to the scanner was denied. Ask the administrator for permission to use the scanner (for example the &quot;scanner&quot; group).</source>
        <translation>Không có quyền truy cập máy quét. Hãy đề nghị quản trị viên cấp quyền sử dụng máy quét (ví dụ nhóm &quot;scanner&quot;).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The scanner or the computer ran out of memory. Lower the resolution or close other programs, then continue the batch.</source>
        <translation>Máy quét hoặc máy tính không đủ bộ nhớ. Hãy giảm độ phân giải hoặc đóng bớt chương trình, rồi tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The scanner does not support this operation or setting. Choose another setting and try again.</source>
        <translation>Máy quét không hỗ trợ thao tác hoặc thiết lập này. Hãy chọn thiết lập khác và thử lại.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The scanner rejected a setting. Check the scan settings (mode, resolution, page size) and try again.</source>
        <translation>Máy quét không chấp nhận một thiết lập. Hãy kiểm tra lại chế độ, độ phân giải, khổ giấy và thử lại.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The scanner sent data the program cannot use. Switch the scanner off and on, then continue the batch.</source>
        <translation>Máy quét gửi dữ liệu mà chương trình không sử dụng được. Hãy tắt rồi bật lại máy quét, sau đó tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The scanner reported an unknown problem. Check the scanner&apos;s display or lights, then continue the batch.</source>
        <translation>Máy quét báo một lỗi không xác định. Hãy xem màn hình hoặc đèn báo của máy quét, rồi tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The scanner has no such option. List the device&apos;s options and check the name.</source>
        <translation>Máy quét không có tùy chọn này. Hãy xem danh sách tùy chọn của thiết bị và kiểm tra lại tên.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This scanner option is not available with the current settings. Change the related setting first (for example the mode or source).</source>
        <translation>Tùy chọn này của máy quét không dùng được với thiết lập hiện tại. Hãy đổi thiết lập liên quan trước (ví dụ chế độ hoặc nguồn giấy).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This scanner option can only be read, not changed.</source>
        <translation>Tùy chọn này của máy quét chỉ đọc được, không thay đổi được.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The value is not allowed for this scanner option. Use one of the values the device offers.</source>
        <translation>Giá trị không hợp lệ cho tùy chọn này của máy quét. Hãy dùng một trong các giá trị thiết bị cho phép.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The dossier store could not be opened. Check that the folder exists and that you may write to it.</source>
        <translation>Không mở được kho hồ sơ. Hãy kiểm tra thư mục tồn tại và bạn có quyền ghi vào đó.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The dossier database is damaged. Do not delete anything; make a copy of the store folder and contact support.</source>
        <translation>Cơ sở dữ liệu hồ sơ bị hỏng. Đừng xóa gì; hãy sao chép thư mục kho hồ sơ và liên hệ bộ phận hỗ trợ.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The dossier store is being used by another program. Wait a moment and try again.</source>
        <translation>Kho hồ sơ đang được chương trình khác sử dụng. Hãy chờ một lát rồi thử lại.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The disk is full. Pages already saved are kept; free some space, then continue the batch.</source>
        <translation>Ổ đĩa đã đầy. Các trang đã lưu vẫn được giữ; hãy giải phóng dung lượng rồi tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A file could not be written. Check free space and write permission of the folder, then try again.</source>
        <translation>Không ghi được tệp. Hãy kiểm tra dung lượng trống và quyền ghi của thư mục, rồi thử lại.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A file could not be read. Check that it exists and that you may read it.</source>
        <translation>Không đọc được tệp. Hãy kiểm tra tệp tồn tại và bạn có quyền đọc.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The dossier code is not valid. Use the form H15.50.05.13-261008-0975 or MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX, or allow a free-form code explicitly.</source>
        <translation>Mã hồ sơ không hợp lệ. Hãy dùng dạng H15.50.05.13-261008-0975 hoặc MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX, hoặc cho phép mã tự do một cách rõ ràng.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No dossier has this code in the store. Check the code or list the dossiers.</source>
        <translation>Không có hồ sơ nào mang mã này trong kho. Hãy kiểm tra lại mã hoặc xem danh sách hồ sơ.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The dossier has no component with this name. Check the name or show the dossier.</source>
        <translation>Hồ sơ không có thành phần mang tên này. Hãy kiểm tra lại tên hoặc xem chi tiết hồ sơ.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A saved page image is missing from the store. Do not continue with this dossier; restore the file from a backup or scan the page again.</source>
        <translation>Thiếu tệp ảnh của một trang đã lưu trong kho. Đừng tiếp tục với hồ sơ này; hãy khôi phục tệp từ bản sao lưu hoặc quét lại trang đó.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A saved page image has been changed or damaged (its checksum differs). Restore the file from a backup or scan the page again.</source>
        <translation>Tệp ảnh của một trang đã lưu bị thay đổi hoặc hư hỏng (mã kiểm tra không khớp). Hãy khôi phục tệp từ bản sao lưu hoặc quét lại trang đó.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The page image could not be encoded. Try another image format, then scan the page again.</source>
        <translation>Không mã hóa được ảnh trang. Hãy thử định dạng ảnh khác rồi quét lại trang.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A page image could not be read. The file may be damaged; restore it or scan the page again.</source>
        <translation>Không đọc được ảnh trang. Tệp có thể bị hỏng; hãy khôi phục hoặc quét lại trang.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There are no pages to put in the PDF. Scan pages into the dossier first.</source>
        <translation>Không có trang nào để đưa vào PDF. Hãy quét tài liệu vào hồ sơ trước.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The output file already exists and was not overwritten. Choose another name or allow overwriting.</source>
        <translation>Tệp kết quả đã tồn tại và không bị ghi đè. Hãy chọn tên khác hoặc cho phép ghi đè.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The PDF could not be written. Check free space and write permission of the output folder, then try again.</source>
        <translation>Không ghi được tệp PDF. Hãy kiểm tra dung lượng trống và quyền ghi của thư mục đích, rồi thử lại.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The PDF file is damaged and cannot be read safely. Ask the sender for a new copy or repair it, then try again. The file was not changed.</source>
        <translation>Tệp PDF bị hỏng, không đọc được an toàn. Hãy xin bản khác từ người gửi hoặc sửa tệp rồi thử lại. Tệp gốc không bị thay đổi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PDF is encrypted and cannot be signed or stamped without its password. Give its password (the owner password if its permissions do not allow the change) or remove the protection, then try again. The file was not changed.</source>
        <translation>Tệp PDF đang được mã hóa, không ký hay đóng dấu mã QR được nếu thiếu mật khẩu. Hãy cung cấp mật khẩu của tệp (mật khẩu chủ sở hữu nếu quyền của tệp không cho phép thay đổi) hoặc gỡ bảo vệ rồi thử lại. Tệp gốc không bị thay đổi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This PDF uses a structure the signer does not support. Save it again as a standard PDF, then sign it.</source>
        <translation>Tệp PDF này có cấu trúc mà chương trình ký chưa hỗ trợ. Hãy lưu lại thành PDF chuẩn rồi ký.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The PDF is certified by its author with no changes allowed (DocMDP level 1): another signature would break that certification, so it was not signed. Ask the author for a version that allows signing. The file was not changed.</source>
        <translation>Tệp PDF đã được tác giả chứng nhận và không cho phép bất kỳ thay đổi nào (DocMDP mức 1): thêm chữ ký sẽ làm mất hiệu lực chứng nhận đó nên tệp không được ký. Hãy đề nghị tác giả cung cấp bản cho phép ký. Tệp gốc không bị thay đổi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The key file (.p12/.pfx) cannot be read. Check the path and that the file is a PKCS#12 file.</source>
        <translation>Không đọc được tệp khóa (.p12/.pfx). Hãy kiểm tra đường dẫn và tệp đúng định dạng PKCS#12.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The password of the key file is wrong. Enter it again.</source>
        <translation>Mật khẩu của tệp khóa không đúng. Hãy nhập lại.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token driver (PKCS#11 module) was not found. Install the driver of your USB token or give its path.</source>
        <translation>Không tìm thấy trình điều khiển token (mô-đun PKCS#11). Hãy cài trình điều khiển của USB token hoặc chỉ rõ đường dẫn.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No matching USB token is plugged in. Plug in the token (check its label or serial), then try again.</source>
        <translation>Không thấy USB token phù hợp. Hãy cắm token (kiểm tra nhãn hoặc số sê-ri) rồi thử lại.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The signing key or its certificate was not found on the token or in the file. Check the key label or id.</source>
        <translation>Không tìm thấy khóa ký hoặc chứng thư số trên token hay trong tệp. Hãy kiểm tra nhãn hoặc mã khóa.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The PIN is wrong. It was not tried again automatically; check the remaining tries before entering it again.</source>
        <translation>Mã PIN không đúng. Chương trình không tự thử lại; hãy xem số lần thử còn lại trước khi nhập lại.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The token&apos;s PIN is locked after too many wrong tries. Ask the certificate provider to unlock it with the PUK/SO PIN.</source>
        <translation>Mã PIN của token đã bị khóa do nhập sai quá số lần cho phép. Hãy liên hệ nhà cung cấp chứng thư để mở khóa bằng PUK/SO PIN.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The USB token was removed. Files already signed are complete; plug the token in again and sign the remaining files.</source>
        <translation>USB token đã bị rút ra. Các tệp đã ký vẫn trọn vẹn; hãy cắm lại token và ký các tệp còn lại.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The USB token reported an error. Unplug and plug it in again, then try again.</source>
        <translation>USB token báo lỗi. Hãy rút ra, cắm lại rồi thử lại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signing certificate is not valid yet. Check the computer&apos;s date and time.</source>
        <translation>Chứng thư số chưa đến thời hạn hiệu lực. Hãy kiểm tra ngày giờ của máy tính.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signing certificate has expired. Renew it with the certificate provider before signing.</source>
        <translation>Chứng thư số đã hết hạn. Hãy gia hạn với nhà cung cấp chứng thư trước khi ký.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The certificate is not allowed to make digital signatures (key usage). Use a signing certificate.</source>
        <translation>Chứng thư số không được phép dùng để ký số (mục đích sử dụng khóa). Hãy dùng chứng thư dành cho ký số.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The signature could not be made. The input was not changed; try again, and report the problem if it persists.</source>
        <translation>Không tạo được chữ ký. Tệp gốc không bị thay đổi; hãy thử lại và báo lỗi nếu vẫn xảy ra.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signature is larger than the space reserved for it. Try again; if it persists, report the problem.</source>
        <translation>Chữ ký lớn hơn vùng dành sẵn cho nó. Hãy thử lại; nếu vẫn lỗi, hãy báo lại.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The timestamp service did not answer correctly. Check the network and the TSA address, or sign without a timestamp.</source>
        <translation>Dịch vụ cấp dấu thời gian không trả lời đúng. Hãy kiểm tra mạng và địa chỉ TSA, hoặc ký không kèm dấu thời gian.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signed file did not pass verification and was not kept. The input was not changed; try again.</source>
        <translation>Tệp sau khi ký không qua được bước kiểm tra và đã bị loại bỏ. Tệp gốc không bị thay đổi; hãy thử lại.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The visible signature block could not be drawn. Check the images and texts given for it.</source>
        <translation>Không vẽ được khối chữ ký hiển thị. Hãy kiểm tra các ảnh và nội dung văn bản đã cung cấp.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The text for the QR code is too long for a QR symbol at this error-correction level. Shorten the text or choose a lower level (L or M).</source>
        <translation>Nội dung mã QR quá dài so với sức chứa của mã ở mức sửa lỗi này. Hãy rút ngắn nội dung hoặc chọn mức thấp hơn (L hoặc M).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A page carries a SoHoa cover-sheet code that cannot be used (unknown version or invalid dossier code). The page was kept as an ordinary page of the current dossier; print a new cover sheet with sohoa-cli coversheet and rescan that dossier.</source>
        <translation>Một trang có mã tờ bìa SoHoa không dùng được (phiên bản lạ hoặc mã hồ sơ không hợp lệ). Trang đó được giữ như một trang thường của hồ sơ hiện tại; hãy in lại tờ bìa bằng sohoa-cli coversheet và quét lại hồ sơ đó.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The cover sheet PDF could not be drawn. Check that the Liberation Serif 2 font (fonts-liberation2) is installed and the output folder is writable.</source>
        <translation>Không tạo được tệp PDF tờ bìa. Hãy kiểm tra phông chữ Liberation Serif 2 (gói fonts-liberation2) đã được cài đặt và thư mục đầu ra cho phép ghi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The QR code or its caption could not be drawn. Check the caption text (Vietnamese needs the fonts-liberation2 package), then try again. The input was not changed.</source>
        <translation>Không vẽ được mã QR hoặc dòng chú thích. Hãy kiểm tra nội dung chú thích (tiếng Việt cần gói fonts-liberation2) rồi thử lại. Tệp gốc không bị thay đổi.</translation>
    </message>
</context>
</TS>
