<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>DossierPagesModel</name>
    <message>
        <location filename="../../core/dossier/DossierPagesModel.cpp" line="+230"/>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
</context>
<context>
    <name>PageCommands</name>
    <message>
        <location filename="../../core/dossier/PageCommands.cpp" line="+24"/>
        <source>Move page</source>
        <translation>Chuyển trang</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Rotate page</source>
        <translation>Xoay trang</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Delete page</source>
        <translation>Xóa trang</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Restore page</source>
        <translation>Khôi phục trang</translation>
    </message>
</context>
<context>
    <name>sohoa::Error</name>
    <message>
        <location filename="../../core/common/Error.cpp" line="+25"/>
        <source>No error.</source>
        <translation>Không có lỗi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A value given to the program is not valid. Check the command and try again.</source>
        <translation>Giá trị đưa vào chương trình không hợp lệ. Hãy kiểm tra lại lệnh và thử lại.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The operation was cancelled. Pages already saved are kept.</source>
        <translation>Thao tác đã bị hủy. Các trang đã lưu vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An unexpected internal error occurred. Pages already saved are kept; please report this problem.</source>
        <translation>Đã xảy ra lỗi nội bộ không mong muốn. Các trang đã lưu vẫn được giữ nguyên; vui lòng báo lại sự cố này.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The scanner system (SANE) could not be started. Check that the scanner drivers are installed, then restart the program.</source>
        <translation>Không khởi động được hệ thống máy quét (SANE). Hãy kiểm tra trình điều khiển máy quét đã được cài đặt, rồi khởi động lại chương trình.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The scanner was not found. Check that it is switched on and connected, then list the devices again.</source>
        <translation>Không tìm thấy máy quét. Hãy kiểm tra máy quét đã bật và đã kết nối, rồi liệt kê lại thiết bị.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The scanner is busy or used by another program. Close the other program or wait, then try again.</source>
        <translation>Máy quét đang bận hoặc đang được chương trình khác sử dụng. Hãy đóng chương trình đó hoặc chờ một lúc rồi thử lại.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paper is jammed in the scanner. Remove the jammed sheet, put the remaining pages back in the feeder and continue the batch.</source>
        <translation>Giấy bị kẹt trong máy quét. Hãy lấy tờ bị kẹt ra, đặt lại các trang còn lại vào khay nạp và tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The scanner cover is open. Close the cover, then continue the batch.</source>
        <translation>Nắp máy quét đang mở. Hãy đóng nắp rồi tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The document feeder is empty. Put the pages in the feeder, then start the scan again.</source>
        <translation>Khay nạp giấy đang trống. Hãy đặt tài liệu vào khay nạp rồi bắt đầu quét lại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Communication with the scanner failed. Check the cable and power, switch the scanner off and on, then continue the batch.</source>
        <translation>Mất liên lạc với máy quét. Hãy kiểm tra cáp và nguồn điện, tắt rồi bật lại máy quét, sau đó tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access to the scanner was denied. Ask the administrator for permission to use the scanner (for example the &quot;scanner&quot; group).</source>
        <translation>Không có quyền truy cập máy quét. Hãy đề nghị quản trị viên cấp quyền sử dụng máy quét (ví dụ nhóm &quot;scanner&quot;).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The scanner or the computer ran out of memory. Lower the resolution or close other programs, then continue the batch.</source>
        <translation>Máy quét hoặc máy tính không đủ bộ nhớ. Hãy giảm độ phân giải hoặc đóng bớt chương trình, rồi tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The scanner does not support this operation or setting. Choose another setting and try again.</source>
        <translation>Máy quét không hỗ trợ thao tác hoặc thiết lập này. Hãy chọn thiết lập khác và thử lại.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The scanner rejected a setting. Check the scan settings (mode, resolution, page size) and try again.</source>
        <translation>Máy quét không chấp nhận một thiết lập. Hãy kiểm tra lại chế độ, độ phân giải, khổ giấy và thử lại.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The scanner sent data the program cannot use. Switch the scanner off and on, then continue the batch.</source>
        <translation>Máy quét gửi dữ liệu mà chương trình không sử dụng được. Hãy tắt rồi bật lại máy quét, sau đó tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The scanner reported an unknown problem. Check the scanner&apos;s display or lights, then continue the batch.</source>
        <translation>Máy quét báo một lỗi không xác định. Hãy xem màn hình hoặc đèn báo của máy quét, rồi tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The scanner has no such option. List the device&apos;s options and check the name.</source>
        <translation>Máy quét không có tùy chọn này. Hãy xem danh sách tùy chọn của thiết bị và kiểm tra lại tên.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This scanner option is not available with the current settings. Change the related setting first (for example the mode or source).</source>
        <translation>Tùy chọn này của máy quét không dùng được với thiết lập hiện tại. Hãy đổi thiết lập liên quan trước (ví dụ chế độ hoặc nguồn giấy).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This scanner option can only be read, not changed.</source>
        <translation>Tùy chọn này của máy quét chỉ đọc được, không thay đổi được.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The value is not allowed for this scanner option. Use one of the values the device offers.</source>
        <translation>Giá trị không hợp lệ cho tùy chọn này của máy quét. Hãy dùng một trong các giá trị thiết bị cho phép.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The dossier store could not be opened. Check that the folder exists and that you may write to it.</source>
        <translation>Không mở được kho hồ sơ. Hãy kiểm tra thư mục tồn tại và bạn có quyền ghi vào đó.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The dossier store is being used by another program. Wait a moment and try again.</source>
        <translation>Kho hồ sơ đang được chương trình khác sử dụng. Hãy chờ một lát rồi thử lại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The disk is full. Pages already saved are kept; free some space, then continue the batch.</source>
        <translation>Ổ đĩa đã đầy. Các trang đã lưu vẫn được giữ; hãy giải phóng dung lượng rồi tiếp tục quét.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A file could not be written. Check free space and write permission of the folder, then try again.</source>
        <translation>Không ghi được tệp. Hãy kiểm tra dung lượng trống và quyền ghi của thư mục, rồi thử lại.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A file could not be read. Check that it exists and that you may read it.</source>
        <translation>Không đọc được tệp. Hãy kiểm tra tệp tồn tại và bạn có quyền đọc.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No dossier has this code in the store. Check the code or list the dossiers.</source>
        <translation>Không có hồ sơ nào mang mã này trong kho. Hãy kiểm tra lại mã hoặc xem danh sách hồ sơ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The dossier has no component with this name. Check the name or show the dossier.</source>
        <translation>Hồ sơ không có thành phần mang tên này. Hãy kiểm tra lại tên hoặc xem chi tiết hồ sơ.</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The dossier code is not valid. Use the form H15.50.05.13-261008-0975 or MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX (YYMMDD the date, AAXXXX six or more digits), or allow a free-form code explicitly.</source>
        <translation>Mã hồ sơ không hợp lệ. Hãy dùng dạng H15.50.05.13-261008-0975 hoặc MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX (YYMMDD là ngày, AAXXXX gồm sáu chữ số trở lên), hoặc cho phép mã tự do một cách rõ ràng.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>The dossier database is damaged. Do not delete anything: make a copy of the store folder, then rebuild the index from the page files (sohoa-cli store rebuild) or contact support.</source>
        <translation>Cơ sở dữ liệu hồ sơ bị hỏng. Đừng xóa gì: hãy sao chép thư mục kho hồ sơ, rồi dựng lại chỉ mục từ các tệp trang (sohoa-cli store rebuild) hoặc liên hệ bộ phận hỗ trợ.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>A saved page image is missing from the store. Restore the file from a backup, or delete the page or scan it again in its place; then continue.</source>
        <translation>Một ảnh trang đã lưu bị thiếu trong kho. Hãy khôi phục tệp từ bản sao lưu, hoặc xóa trang đó hay quét lại vào đúng vị trí của nó; sau đó tiếp tục.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A saved page image has been changed or damaged (its checksum differs). Restore the file from a backup, or delete the page or scan it again in its place.</source>
        <translation>Một ảnh trang đã lưu bị thay đổi hoặc hư hỏng (mã kiểm tra không khớp). Hãy khôi phục tệp từ bản sao lưu, hoặc xóa trang đó hay quét lại vào đúng vị trí của nó.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The page image could not be encoded. Try another image format, then scan the page again.</source>
        <translation>Không mã hóa được ảnh trang. Hãy thử định dạng ảnh khác rồi quét lại trang.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A page image could not be read. The file may be damaged; restore it or scan the page again.</source>
        <translation>Không đọc được ảnh trang. Tệp có thể bị hỏng; hãy khôi phục hoặc quét lại trang.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There are no pages to put in the PDF. Scan pages into the dossier first.</source>
        <translation>Không có trang nào để đưa vào PDF. Hãy quét tài liệu vào hồ sơ trước.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The output file already exists and was not overwritten. Choose another name or allow overwriting.</source>
        <translation>Tệp kết quả đã tồn tại và không bị ghi đè. Hãy chọn tên khác hoặc cho phép ghi đè.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PDF could not be written. Check free space and write permission of the output folder, then try again.</source>
        <translation>Không ghi được tệp PDF. Hãy kiểm tra dung lượng trống và quyền ghi của thư mục đích, rồi thử lại.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The PDF file is damaged and cannot be read safely. Ask the sender for a new copy or repair it, then try again. The file was not changed.</source>
        <translation>Tệp PDF bị hỏng, không đọc được an toàn. Hãy xin bản khác từ người gửi hoặc sửa tệp rồi thử lại. Tệp gốc không bị thay đổi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The PDF is encrypted and cannot be signed or stamped without its password. Give its password (the owner password if its permissions do not allow the change) or remove the protection, then try again. The file was not changed.</source>
        <translation>Tệp PDF đang được mã hóa, không ký hay đóng dấu mã QR được nếu thiếu mật khẩu. Hãy cung cấp mật khẩu của tệp (mật khẩu chủ sở hữu nếu quyền của tệp không cho phép thay đổi) hoặc gỡ bảo vệ rồi thử lại. Tệp gốc không bị thay đổi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This PDF uses a structure the signer does not support. Save it again as a standard PDF, then sign it.</source>
        <translation>Tệp PDF này có cấu trúc mà chương trình ký chưa hỗ trợ. Hãy lưu lại thành PDF chuẩn rồi ký.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PDF is certified by its author with no changes allowed (DocMDP level 1): another signature would break that certification, so it was not signed. Ask the author for a version that allows signing. The file was not changed.</source>
        <translation>Tệp PDF đã được tác giả chứng nhận và không cho phép bất kỳ thay đổi nào (DocMDP mức 1): thêm chữ ký sẽ làm mất hiệu lực chứng nhận đó nên tệp không được ký. Hãy đề nghị tác giả cung cấp bản cho phép ký. Tệp gốc không bị thay đổi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key file (.p12/.pfx) cannot be read. Check the path and that the file is a PKCS#12 file.</source>
        <translation>Không đọc được tệp khóa (.p12/.pfx). Hãy kiểm tra đường dẫn và tệp đúng định dạng PKCS#12.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password of the key file is wrong. Enter it again.</source>
        <translation>Mật khẩu của tệp khóa không đúng. Hãy nhập lại.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token driver (PKCS#11 module) was not found. Install the driver of your USB token or give its path.</source>
        <translation>Không tìm thấy trình điều khiển token (mô-đun PKCS#11). Hãy cài trình điều khiển của USB token hoặc chỉ rõ đường dẫn.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No matching USB token is plugged in. Plug in the token (check its label or serial), then try again.</source>
        <translation>Không thấy USB token phù hợp. Hãy cắm token (kiểm tra nhãn hoặc số sê-ri) rồi thử lại.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signing key or its certificate was not found on the token or in the file. Check the key label or id.</source>
        <translation>Không tìm thấy khóa ký hoặc chứng thư số trên token hay trong tệp. Hãy kiểm tra nhãn hoặc mã khóa.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PIN is wrong. It was not tried again automatically; check the remaining tries before entering it again.</source>
        <translation>Mã PIN không đúng. Chương trình không tự thử lại; hãy xem số lần thử còn lại trước khi nhập lại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The token&apos;s PIN is locked after too many wrong tries. Ask the certificate provider to unlock it with the PUK/SO PIN.</source>
        <translation>Mã PIN của token đã bị khóa do nhập sai quá số lần cho phép. Hãy liên hệ nhà cung cấp chứng thư để mở khóa bằng PUK/SO PIN.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The USB token was removed. Files already signed are complete; plug the token in again and sign the remaining files.</source>
        <translation>USB token đã bị rút ra. Các tệp đã ký vẫn trọn vẹn; hãy cắm lại token và ký các tệp còn lại.</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+3"/>
        <source>The certificate is not allowed to make digital signatures (key usage). Use a signing certificate.</source>
        <translation>Chứng thư số không được phép dùng để ký số (mục đích sử dụng khóa). Hãy dùng chứng thư dành cho ký số.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signature could not be made. The input was not changed; try again, and report the problem if it persists.</source>
        <translation>Không tạo được chữ ký. Tệp gốc không bị thay đổi; hãy thử lại và báo lỗi nếu vẫn xảy ra.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signature is larger than the space reserved for it. Try again; if it persists, report the problem.</source>
        <translation>Chữ ký lớn hơn vùng dành sẵn cho nó. Hãy thử lại; nếu vẫn lỗi, hãy báo lại.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The timestamp service did not answer correctly. Check the network and the TSA address, or sign without a timestamp.</source>
        <translation>Dịch vụ cấp dấu thời gian không trả lời đúng. Hãy kiểm tra mạng và địa chỉ TSA, hoặc ký không kèm dấu thời gian.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signed file did not pass verification and was not kept. The input was not changed; try again.</source>
        <translation>Tệp sau khi ký không qua được bước kiểm tra và đã bị loại bỏ. Tệp gốc không bị thay đổi; hãy thử lại.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The visible signature block could not be drawn. Check the images and texts given for it.</source>
        <translation>Không vẽ được khối chữ ký hiển thị. Hãy kiểm tra các ảnh và nội dung văn bản đã cung cấp.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The text for the QR code is too long for a QR symbol at this error-correction level. Shorten the text or choose a lower level (L or M).</source>
        <translation>Nội dung mã QR quá dài so với sức chứa của mã ở mức sửa lỗi này. Hãy rút ngắn nội dung hoặc chọn mức thấp hơn (L hoặc M).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A page carries a SoHoa cover-sheet code that cannot be used (unknown version or invalid dossier code). The page was kept as an ordinary page of the current dossier; print a new cover sheet with sohoa-cli coversheet and rescan that dossier.</source>
        <translation>Một trang có mã tờ bìa SoHoa không dùng được (phiên bản lạ hoặc mã hồ sơ không hợp lệ). Trang đó được giữ như một trang thường của hồ sơ hiện tại; hãy in lại tờ bìa bằng sohoa-cli coversheet và quét lại hồ sơ đó.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The cover sheet PDF could not be drawn. Check that the Liberation Serif 2 font (fonts-liberation2) is installed and the output folder is writable.</source>
        <translation>Không tạo được tệp PDF tờ bìa. Hãy kiểm tra phông chữ Liberation Serif 2 (gói fonts-liberation2) đã được cài đặt và thư mục đầu ra cho phép ghi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The QR code or its caption could not be drawn. Check the caption text (Vietnamese needs the fonts-liberation2 package), then try again. The input was not changed.</source>
        <translation>Không vẽ được mã QR hoặc dòng chú thích. Hãy kiểm tra nội dung chú thích (tiếng Việt cần gói fonts-liberation2) rồi thử lại. Tệp gốc không bị thay đổi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The dossier store was written by a newer version of SoHoa and this version cannot read it safely. Update SoHoa to open it; nothing in the store was changed.</source>
        <translation>Kho hồ sơ được ghi bởi phiên bản SoHoa mới hơn nên phiên bản này không đọc được một cách an toàn. Hãy cập nhật SoHoa để mở kho; không có gì trong kho bị thay đổi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The page was not found in the dossier: it may have been moved or deleted meanwhile. Show the dossier again and choose the page from the list.</source>
        <translation>Không tìm thấy trang trong hồ sơ: trang có thể vừa bị chuyển đi hoặc bị xóa. Hãy xem lại hồ sơ và chọn trang trong danh sách.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The QR code would be too dense to be read from paper: its squares would be too small. Shorten the text, make the code larger or choose a lower error-correction level (L or M), and leave out pages too small for a readable code. Nothing was written.</source>
        <translation>Mã QR sẽ quá dày để đọc được trên giấy in: các ô vuông của mã quá nhỏ. Hãy rút ngắn nội dung, tăng kích thước mã hoặc chọn mức sửa lỗi thấp hơn (L hoặc M), và bỏ qua các trang quá nhỏ, không đủ chỗ cho một mã đọc được. Chưa có tệp nào được ghi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file does not exist, or it is a folder. Check its name and folder and try again.</source>
        <translation>Tệp không tồn tại hoặc là một thư mục. Hãy kiểm tra tên và thư mục của tệp rồi thử lại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The folder does not exist. Create it first or choose an existing folder; nothing was written.</source>
        <translation>Thư mục không tồn tại. Hãy tạo thư mục trước hoặc chọn một thư mục đã có; chưa có gì được ghi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no dossier store in this folder. Check the store path (--store or SOHOA_STORE); only scanning creates a new store.</source>
        <translation>Không có kho hồ sơ nào trong thư mục này. Hãy kiểm tra lại đường dẫn kho (--store hoặc SOHOA_STORE); chỉ lệnh quét mới tạo kho mới.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The store folder holds dossiers and page files, but its index (sohoa.sqlite) is missing or empty, so nothing was opened and nothing was changed. Rebuild the index from the files with sohoa-cli store rebuild before scanning into this store again.</source>
        <translation>Thư mục kho có hồ sơ và tệp trang nhưng chỉ mục của kho (sohoa.sqlite) bị mất hoặc rỗng, nên không có gì được mở và không có gì bị thay đổi. Hãy dựng lại chỉ mục từ các tệp bằng lệnh sohoa-cli store rebuild trước khi quét tiếp vào kho này.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The dossier store is open read-only (a mounted archive or a folder you may not write to): it can be listed, shown, verified and exported from, but nothing in it can be changed. Open it with write access to change it.</source>
        <translation>Kho hồ sơ đang được mở ở chế độ chỉ đọc (kho lưu trữ được gắn vào hoặc thư mục bạn không có quyền ghi): có thể liệt kê, xem, kiểm tra và xuất hồ sơ, nhưng không thể thay đổi gì trong kho. Hãy mở kho với quyền ghi để thay đổi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The dossier store was written by an older version of SoHoa and must be upgraded before it can be read, which a read-only store does not allow. Copy the store to a folder you may write to and open it there once (any command upgrades it); nothing in this store was changed.</source>
        <translation>Kho hồ sơ được ghi bởi phiên bản SoHoa cũ hơn và phải được nâng cấp trước khi đọc, điều mà kho chỉ đọc không cho phép. Hãy sao chép kho sang một thư mục bạn có quyền ghi và mở kho ở đó một lần (lệnh nào cũng nâng cấp kho); không có gì trong kho này bị thay đổi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The store&apos;s index opens without error, so there is nothing to rebuild and nothing was changed. To rebuild it anyway from the files (the current index is kept aside), add --force.</source>
        <translation>Chỉ mục của kho mở được bình thường, nên không có gì cần dựng lại và không có gì bị thay đổi. Nếu vẫn muốn dựng lại từ các tệp (chỉ mục hiện tại được giữ lại riêng), hãy thêm --force.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Showing the page took too long and was stopped: the PDF may be damaged or made to overload programs that open it. The file was not changed; open it with another program or ask the sender for a new copy.</source>
        <translation>Việc hiển thị trang mất quá nhiều thời gian nên đã bị dừng: tệp PDF có thể bị hỏng hoặc được tạo ra để làm quá tải các chương trình mở nó. Tệp không bị thay đổi; hãy mở tệp bằng chương trình khác hoặc đề nghị người gửi cung cấp bản mới.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The page is too large to show within the memory allowed for previews. Show it smaller (a lower zoom or resolution); the file was not changed.</source>
        <translation>Trang quá lớn, không thể hiển thị trong giới hạn bộ nhớ dành cho việc xem trước. Hãy hiển thị ở kích thước nhỏ hơn (giảm mức phóng to hoặc độ phân giải); tệp không bị thay đổi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The PDF file is damaged or is not a PDF, so its page cannot be shown. Ask the sender for a new copy; the file was not changed.</source>
        <translation>Tệp PDF bị hỏng hoặc không phải là tệp PDF nên không thể hiển thị trang. Hãy đề nghị người gửi cung cấp bản mới; tệp không bị thay đổi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The PDF is protected by a password and its pages cannot be shown without it. Enter the password (the user or the owner password), then try again.</source>
        <translation>Tệp PDF được bảo vệ bằng mật khẩu, không thể hiển thị các trang nếu không có mật khẩu. Hãy nhập mật khẩu (mật khẩu người dùng hoặc mật khẩu chủ sở hữu) rồi thử lại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The PDF has no page with this number. Choose a page from 1 to the number of pages.</source>
        <translation>Tệp PDF không có trang mang số này. Hãy chọn một trang từ 1 đến tổng số trang.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The page preview program (sohoa-render) was not found or could not be started, so pages cannot be shown. Reinstall SoHoa; other work is not affected.</source>
        <translation>Không tìm thấy hoặc không khởi động được chương trình xem trước trang (sohoa-render) nên không thể hiển thị trang. Hãy cài đặt lại SoHoa; các công việc khác không bị ảnh hưởng.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The PDF already holds a signature, and a certification must be a document&apos;s first signature, so it was not certified. Certify the unsigned original, or add an ordinary signature without certification. The file was not changed.</source>
        <translation>Tệp PDF đã có chữ ký, mà chữ ký chứng nhận phải là chữ ký đầu tiên của tài liệu, nên tệp không được chứng nhận. Hãy chứng nhận bản gốc chưa ký, hoặc thêm chữ ký thông thường không kèm chứng nhận. Tệp gốc không bị thay đổi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The certificate was revoked by its issuer: signatures it made after the revocation time are not valid. Ask the signer for a document signed with a valid certificate.</source>
        <translation>Chứng thư số đã bị tổ chức cấp thu hồi: các chữ ký tạo bằng chứng thư này sau thời điểm thu hồi không có giá trị. Hãy đề nghị người ký cung cấp văn bản được ký bằng chứng thư số còn hiệu lực.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Whether the certificate was revoked could not be checked: its issuer&apos;s revocation service did not answer or gave an answer that cannot be trusted. Check the network connection and try again later.</source>
        <translation>Không kiểm tra được chứng thư số có bị thu hồi hay không: dịch vụ kiểm tra thu hồi của tổ chức cấp không trả lời hoặc trả lời không đáng tin cậy. Hãy kiểm tra kết nối mạng rồi thử lại sau.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no upload target of that name. List the targets (sohoa-cli target list) or add one.</source>
        <translation>Không có nơi nhận tải lên nào mang tên đó. Hãy xem danh sách (sohoa-cli target list) hoặc thêm mới.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server could not be reached, or the connection broke during the transfer. The file stays in the queue and is sent again when the network is back.</source>
        <translation>Không kết nối được máy chủ, hoặc kết nối bị ngắt khi đang truyền. Tệp vẫn nằm trong hàng đợi và sẽ được gửi lại khi có mạng.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server is busy or has a temporary fault. The file stays in the queue and is sent again later.</source>
        <translation>Máy chủ đang bận hoặc gặp lỗi tạm thời. Tệp vẫn nằm trong hàng đợi và sẽ được gửi lại sau.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the user name, password or token. Correct the target&apos;s credentials, then retry the upload.</source>
        <translation>Máy chủ từ chối tên đăng nhập, mật khẩu hoặc mã xác thực. Hãy sửa thông tin đăng nhập của nơi nhận rồi tải lên lại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the file. Check the target&apos;s address and name template with the server&apos;s administrator, then retry the upload.</source>
        <translation>Máy chủ từ chối tệp. Hãy kiểm tra địa chỉ và mẫu tên của nơi nhận với người quản trị máy chủ, rồi tải lên lại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server&apos;s certificate could not be trusted, so nothing was sent. Give the target the certificate authority of the server (--ca), or check that the address is the right server.</source>
        <translation>Không tin cậy được chứng thư của máy chủ nên chưa gửi gì. Hãy cung cấp cho nơi nhận chứng thư của tổ chức cấp cho máy chủ (--ca), hoặc kiểm tra địa chỉ có đúng máy chủ không.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A different file already has this name on the server; it is never overwritten. Ask the server&apos;s administrator, or change the target&apos;s name template.</source>
        <translation>Trên máy chủ đã có một tệp khác mang tên này; tệp đó không bao giờ bị ghi đè. Hãy hỏi người quản trị máy chủ, hoặc đổi mẫu tên của nơi nhận.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file changed after it was put in the upload queue, so it was not sent. Put the new version in the queue again.</source>
        <translation>Tệp đã thay đổi sau khi được đưa vào hàng đợi nên không được gửi. Hãy đưa phiên bản mới vào hàng đợi lại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The text recognition (OCR) data for a language is not installed, so the pages cannot be read. Install the language&apos;s package (for Vietnamese: tesseract-ocr-vie), or choose another language.</source>
        <translation>Chưa cài đặt dữ liệu nhận dạng chữ (OCR) của một ngôn ngữ nên không thể đọc các trang. Hãy cài đặt gói của ngôn ngữ đó (tiếng Việt: tesseract-ocr-vie) hoặc chọn ngôn ngữ khác.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The text recognition (OCR) could not read the page. The page image is kept; export it without a text layer, or check the OCR installation (tesseract-ocr) and try again.</source>
        <translation>Không nhận dạng được chữ (OCR) trên trang. Ảnh trang vẫn được giữ nguyên; hãy xuất tệp không kèm lớp văn bản, hoặc kiểm tra việc cài đặt OCR (tesseract-ocr) rồi thử lại.</translation>
    </message>
</context>
<context>
    <name>sohoa::PdfQrStamper</name>
    <message>
        <location filename="../../core/pdf/PdfQrStamper.cpp" line="+476"/>
        <source>Too small for a readable code: %1. Shrunk to fit, the code&apos;s squares would fall under the %2 mm a printed code needs to be read. Leave these pages out of the pages to stamp, or shorten the text.</source>
        <translation>Quá nhỏ để đóng một mã đọc được: %1. Khi thu nhỏ cho vừa trang, các ô vuông của mã sẽ nhỏ hơn mức %2 mm cần có để đọc được mã in trên giấy. Hãy bỏ các trang này khỏi danh sách trang cần đóng mã, hoặc rút ngắn nội dung.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>page %1 (%2 × %3 mm: squares of %4 mm)</source>
        <translation>trang %1 (%2 × %3 mm: ô vuông %4 mm)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>At %1 mm, each square (module) of this code would be %2 mm, under the %3 mm a printed code needs to be read. Make the code at least %4 mm wide, or shorten its text (%5 characters).</source>
        <translation>Với cạnh %1 mm, mỗi ô vuông (mô-đun) của mã này chỉ còn %2 mm, nhỏ hơn mức %3 mm cần có để đọc được mã in trên giấy. Hãy tăng cạnh mã lên ít nhất %4 mm, hoặc rút ngắn nội dung (hiện có %5 ký tự).</translation>
    </message>
</context>
<context>
    <name>sohoa::cleanup</name>
    <message>
        <location filename="../../core/imaging/PageCleanup.cpp" line="+81"/>
        <source>&quot;%1&quot;: the blank-page threshold is the most ink a blank page may carry, in percent of the page, from 0.001 to 5 (the default is 0.02), for example blank=0.05.</source>
        <translation>&quot;%1&quot;: ngưỡng trang trắng là lượng mực tối đa mà một trang trắng có thể có, tính theo phần trăm trang, từ 0.001 đến 5 (mặc định 0.02), ví dụ blank=0.05.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&quot;%1&quot; is not a page cleanup operation: use deskew, orient, crop, blank or bilevel, separated by commas.</source>
        <translation>&quot;%1&quot; không phải là thao tác làm sạch trang: hãy dùng deskew, orient, crop, blank hoặc bilevel, cách nhau bằng dấu phẩy.</translation>
    </message>
</context>
<context>
    <name>sohoa::cli</name>
    <message>
        <location filename="../../app/cli/CliArgs.cpp" line="+35"/>
        <source>Dossier store folder.</source>
        <translation>Thư mục kho hồ sơ.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>One JSON object per line.</source>
        <translation>Mỗi dòng một đối tượng JSON.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>unknown option --%1 (see %2 --help)</source>
        <translation>không có tùy chọn --%1 (xem %2 --help)</translation>
    </message>
    <message>
        <location filename="../../app/cli/CliOutput.cpp" line="+64"/>
        <location filename="../../app/cli/ScanOutput.cpp" line="+128"/>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <location filename="../../app/cli/CliStore.cpp" line="+64"/>
        <source>Read-only store: a complete page would be recovered</source>
        <translation>Kho chỉ đọc: một trang hoàn chỉnh sẽ được khôi phục</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recovered a complete page</source>
        <translation>Khôi phục trang đã ghi trọn vẹn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only store: an incomplete temporary file would be removed</source>
        <translation>Kho chỉ đọc: một tệp tạm chưa hoàn tất sẽ bị xóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed an incomplete temporary file</source>
        <translation>Đã xóa tệp tạm chưa hoàn tất</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Page %1 of %2: delete it (page delete) or scan it again in its place (scan --at %1 --replace)</source>
        <translation>Trang %1 của %2: hãy xóa trang (page delete) hoặc quét lại vào đúng vị trí đó (scan --at %1 --replace)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open the store read-only: nothing in it is written, not even recovery (a store that cannot be written is read this way anyway).</source>
        <translation>Mở kho ở chế độ chỉ đọc: không ghi gì vào kho, kể cả việc khôi phục (kho không ghi được thì luôn được đọc theo cách này).</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The store cannot be written here; it is read without changing it</source>
        <translation>Không ghi được vào kho ở đây; kho được đọc mà không bị thay đổi</translation>
    </message>
    <message>
        <location line="+13"/>
        <location filename="../../app/cli/CoverSheetCommand.cpp" line="+20"/>
        <location filename="../../app/cli/ScanCommand.cpp" line="+32"/>
        <source>Dossier code.</source>
        <translation>Mã hồ sơ.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 needs exactly one CODE</source>
        <translation>%1 cần đúng một MÃ hồ sơ</translation>
    </message>
    <message>
        <location filename="../../app/cli/CommandTable.cpp" line="+56"/>
        <source>Usage: sohoa-cli COMMAND [options]

Commands:
  devices [--json]                       list scanners
  scan --device NAME --dossier CODE ...  scan a batch into a dossier (see scan --help)
  dossier list [--json]                  list dossiers in the store
  dossier show CODE [--json]             show a dossier with its components and pages
  dossier export CODE --out FILE.pdf [--component NAME] [--overwrite]
                 [--pdfa] [--ocr vie|eng|vie+eng] [--original]   archival PDF/A-2b, searchable text
  dossier cleanup CODE --cleanup deskew,orient,crop,blank[,bilevel] [--component NAME] [--redo]
                                         clean pages up (the originals stay as scanned)
  dossier metadata CODE [--component NAME] [--set FIELD=VALUE]...
                                         Decree 30 archival metadata of the file and its documents
  dossier verify CODE [--json]           re-check every page file against its SHA-256
                                         (dossier commands read a store without changing it
                                         with --read-only, or where it cannot be written)
  page move CODE --component C --page N --to M [--to-component C2]
  page rotate CODE --component C --page N --degrees 90|180|270
  page delete CODE --component C --page N
  page restore CODE --component C --page N
  page blank CODE --component C --page N --keep|--remove   review a page flagged blank
                                         arrange the pages of a dossier before export
  sign INPUT.pdf... --out DIR|FILE ...   sign PDFs with a .p12 file or a token (see sign --help)
  coversheet --dossier CODE [--component NAME]... --out FILE.pdf [--overwrite]
                                         print A4 cover sheets for scanning with --separate qr
  stamp-qr IN.pdf --out OUT.pdf --text T stamp a QR code on pages (see stamp-qr --help)
  verify FILE.pdf|DIR... [--trust PEM|DIR]... [--system-trust] [--offline] [--json]
                                         verify signatures: VALID, VALID_UNTRUSTED, CHANGED_AFTER_SIGNING,
                                         INVALID, REVOKED, EXPIRED, INDETERMINATE (see verify --help)
  ltv FILE.pdf... --out DIR [--tsa URL]  add validation data (PAdES B-LT) and, with --tsa, a document
                                         timestamp (B-LTA), so that the files verify offline
  store rebuild [--force] [--json]       re-create a lost or damaged store index from the dossier
                                         folders, their manifests and the page files
  target add NAME (--webdav URL | --http URL [--field K=V]... | --folder DIR) [--user U]
             [--secret-env VAR | --secret-file F | --secret-keyring] [--ca PEM] [--pin sha256//B64]
             [--client-cert P12 [--client-cert-secret-env VAR | --client-cert-secret-file F]]
             [--limit-rate BYTES] [--name-template T]   where uploads go; target list, target remove NAME
  upload (--dossier CODE | FILE...) --to NAME   put files in the upload queue
  queue list|run [--max-wait S] [--concurrency N]|retry ID|cancel ID|pause [ID]|resume [ID]
                                         the upload queue

Common options: --store DIR (default $SOHOA_STORE or the XDG data folder; only scan creates a store),
--json, --version, --help
</source>
        <translation>Cách dùng: sohoa-cli LỆNH [tùy chọn]

Các lệnh:
  devices [--json]                       liệt kê máy quét
  scan --device NAME --dossier CODE ...  quét một loạt trang vào hồ sơ (xem scan --help)
  dossier list [--json]                  liệt kê các hồ sơ trong kho
  dossier show CODE [--json]             xem một hồ sơ cùng các thành phần và trang
  dossier export CODE --out FILE.pdf [--component NAME] [--overwrite]
                 [--pdfa] [--ocr vie|eng|vie+eng] [--original]   PDF/A-2b lưu trữ, có lớp chữ tìm kiếm được
  dossier cleanup CODE --cleanup deskew,orient,crop,blank[,bilevel] [--component NAME] [--redo]
                                         làm sạch trang (bản gốc vẫn giữ nguyên như khi quét)
  dossier metadata CODE [--component NAME] [--set FIELD=VALUE]...
                                         siêu dữ liệu lưu trữ theo Nghị định 30 của hồ sơ và các văn bản
  dossier verify CODE [--json]           kiểm tra lại mọi tệp trang theo mã SHA-256
                                         (các lệnh dossier đọc kho mà không thay đổi nó
                                         khi có --read-only, hoặc khi kho không ghi được)
  page move CODE --component C --page N --to M [--to-component C2]
  page rotate CODE --component C --page N --degrees 90|180|270
  page delete CODE --component C --page N
  page restore CODE --component C --page N
  page blank CODE --component C --page N --keep|--remove   xem lại một trang bị đánh dấu trắng
                                         sắp xếp các trang của hồ sơ trước khi xuất
  sign INPUT.pdf... --out DIR|FILE ...   ký số tệp PDF bằng tệp .p12 hoặc token (xem sign --help)
  coversheet --dossier CODE [--component NAME]... --out FILE.pdf [--overwrite]
                                         in tờ bìa A4 để quét kèm --separate qr
  stamp-qr IN.pdf --out OUT.pdf --text T đóng mã QR lên các trang (xem stamp-qr --help)
  verify FILE.pdf|DIR... [--trust PEM|DIR]... [--system-trust] [--offline] [--json]
                                         kiểm tra chữ ký số: VALID, VALID_UNTRUSTED, CHANGED_AFTER_SIGNING,
                                         INVALID, REVOKED, EXPIRED, INDETERMINATE (xem verify --help)
  ltv FILE.pdf... --out DIR [--tsa URL]  thêm dữ liệu xác thực (PAdES B-LT) và, với --tsa, dấu thời gian
                                         tài liệu (B-LTA) để tệp kiểm tra được khi không có mạng
  store rebuild [--force] [--json]       dựng lại chỉ mục kho bị mất hoặc hỏng từ các thư mục
                                         hồ sơ, bản kê của chúng và các tệp trang
  target add NAME (--webdav URL | --http URL [--field K=V]... | --folder DIR) [--user U]
             [--secret-env VAR | --secret-file F | --secret-keyring] [--ca PEM] [--pin sha256//B64]
             [--client-cert P12 [--client-cert-secret-env VAR | --client-cert-secret-file F]]
             [--limit-rate BYTES] [--name-template T]   nơi gửi tệp lên; target list, target remove NAME
  upload (--dossier CODE | FILE...) --to NAME   đưa tệp vào hàng đợi gửi
  queue list|run [--max-wait S] [--concurrency N]|retry ID|cancel ID|pause [ID]|resume [ID]
                                         hàng đợi gửi tệp

Tùy chọn chung: --store DIR (mặc định $SOHOA_STORE hoặc thư mục dữ liệu XDG; chỉ lệnh scan tạo kho),
--json, --version, --help
</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>no command given</source>
        <translation>chưa nhập lệnh nào</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>unknown command &apos;%1&apos;</source>
        <translation>không có lệnh &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 needs one of: %2</source>
        <translation>%1 cần một trong các lệnh con: %2</translation>
    </message>
    <message>
        <location filename="../../app/cli/CoverSheetCommand.cpp" line="-2"/>
        <source>Print A4 cover sheets for scanning with --separate qr.</source>
        <translation>In tờ bìa khổ A4 để quét kèm --separate qr.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Component name (repeatable: one sheet each).</source>
        <translation>Tên thành phần hồ sơ (lặp lại được: mỗi tên một tờ).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/cli/DossierExportCommand.cpp" line="+19"/>
        <source>Output PDF file.</source>
        <translation>Tệp PDF đầu ra.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/cli/DossierExportCommand.cpp" line="+2"/>
        <location filename="../../app/cli/LtvCommand.cpp" line="+29"/>
        <location filename="../../app/cli/StampQrCommand.cpp" line="+51"/>
        <source>Replace an existing output file.</source>
        <translation>Ghi đè tệp đầu ra đã có.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/cli/ScanCommand.cpp" line="+1"/>
        <source>Accept a dossier code of no standard form.</source>
        <translation>Chấp nhận mã hồ sơ không theo dạng chuẩn.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR error correction L, M, Q or H (default H).</source>
        <translation>Mức sửa lỗi của mã QR: L, M, Q hoặc H (mặc định H).</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../app/cli/ScanCommand.cpp" line="+59"/>
        <source>--dossier is required</source>
        <translation>cần có --dossier</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../app/cli/DossierExportCommand.cpp" line="+17"/>
        <source>--out FILE.pdf is required</source>
        <translation>cần có --out TỆP.pdf</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--component needs a name</source>
        <translation>--component cần một tên</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--ec must be L, M, Q or H</source>
        <translation>--ec phải là L, M, Q hoặc H</translation>
    </message>
    <message>
        <location filename="../../app/cli/DevicesCommand.cpp" line="+38"/>
        <source>No scanners found.</source>
        <translation>Không tìm thấy máy quét nào.</translation>
    </message>
    <message>
        <location filename="../../app/cli/DossierExportCommand.cpp" line="-18"/>
        <source>Export only this component.</source>
        <translation>Chỉ xuất thành phần hồ sơ này.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Archival PDF/A-2b with the Decree 30 metadata, and an XML sidecar (metadata and SHA-256 of every file) beside it.</source>
        <translation>PDF/A-2b lưu trữ kèm siêu dữ liệu theo Nghị định 30, và một tệp XML đi kèm (siêu dữ liệu và mã SHA-256 của mọi tệp) đặt cạnh nó.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a searchable text layer recognized in these languages: vie, eng or vie+eng.</source>
        <translation>Thêm lớp chữ tìm kiếm được, nhận dạng theo các ngôn ngữ: vie, eng hoặc vie+eng.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the pages as scanned, not their cleaned images.</source>
        <translation>Dùng các trang như khi quét, không dùng ảnh đã làm sạch.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>--ocr must be vie, eng or vie+eng</source>
        <translation>--ocr phải là vie, eng hoặc vie+eng</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The export is not recorded in the store&apos;s audit log</source>
        <translation>Lần xuất này không được ghi vào nhật ký kiểm tra của kho</translation>
    </message>
    <message>
        <location filename="../../app/cli/QrArguments.cpp" line="+32"/>
        <source>--%1 must be a size in mm from 5 to 500</source>
        <translation>--%1 phải là kích thước tính bằng mm, từ 5 đến 500</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--%1 must be L, M, Q or H</source>
        <translation>--%1 phải là L, M, Q hoặc H</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stamp a QR code with this text (placeholders as in stamp-qr) before signing: the signature covers it.</source>
        <translation>Đóng mã QR mang nội dung này (các biến như ở stamp-qr) trước khi ký: chữ ký bao trùm cả mã.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pages for the QR code: first (default), last, all or a list such as 1,3,5-7.</source>
        <translation>Các trang đóng mã QR: first (trang đầu, mặc định), last (trang cuối), all (tất cả) hoặc danh sách như 1,3,5-7.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>top-right, top-left, bottom-right (default), bottom-left, or Xmm,Ymm from the top-left.</source>
        <translation>top-right, top-left, bottom-right (mặc định), bottom-left, hoặc Xmm,Ymm tính từ góc trên bên trái.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Side of the QR code in mm, quiet zone included (default 20).</source>
        <translation>Cạnh mã QR tính bằng mm, kể cả viền trắng (mặc định 20).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text under the QR code.</source>
        <translation>Dòng chữ dưới mã QR.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR error correction: L, M (default), Q or H.</source>
        <translation>Mức sửa lỗi của mã QR: L, M (mặc định), Q hoặc H.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value of {dossier_code} in the QR text.</source>
        <translation>Giá trị của {dossier_code} trong nội dung mã QR.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value of {url} in the QR text.</source>
        <translation>Giá trị của {url} trong nội dung mã QR.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--%1 needs --qr</source>
        <translation>--%1 cần có --qr</translation>
    </message>
    <message>
        <location filename="../../app/cli/ScanCommand.cpp" line="-68"/>
        <source>Scan a batch straight into a dossier component.</source>
        <translation>Quét một loạt trang thẳng vào một thành phần hồ sơ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SANE device name (see devices).</source>
        <translation>Tên thiết bị SANE (xem lệnh devices).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>flatbed, adf or duplex.</source>
        <translation>flatbed (mặt kính), adf (khay nạp) hoặc duplex (hai mặt).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>color, gray or lineart.</source>
        <translation>color (màu), gray (xám) hoặc lineart (đen trắng).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution in dpi.</source>
        <translation>Độ phân giải (dpi).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A4, A5, Letter or WxHmm.</source>
        <translation>A4, A5, Letter hoặc RxCmm (rộng x cao).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raw SANE option NAME=VALUE (repeatable).</source>
        <translation>Tùy chọn SANE gốc TÊN=GIÁ_TRỊ (lặp lại được).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Component name (default &quot;Tài liệu&quot;).</source>
        <translation>Tên thành phần hồ sơ (mặc định &quot;Tài liệu&quot;).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert the pages at this position of the component (from 1).</source>
        <translation>Chèn các trang vào vị trí này của thành phần hồ sơ (đếm từ 1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --at N: each page takes the place of the page there (a rescan in place); the page it replaces is deleted and can be restored.</source>
        <translation>Dùng với --at N: mỗi trang quét được thay vào chỗ của trang đang ở đó (quét lại tại chỗ); trang bị thay được xóa và có thể khôi phục.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page image format: auto, jpeg or png.</source>
        <translation>Định dạng ảnh trang: auto (tự chọn), jpeg hoặc png.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JPEG quality 1-100 (default 85).</source>
        <translation>Chất lượng JPEG 1-100 (mặc định 85).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop after N pages.</source>
        <translation>Dừng sau N trang.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File name template (default {dossier}/{component}/{seq:04}.{ext}).</source>
        <translation>Mẫu tên tệp (mặc định {dossier}/{component}/{seq:04}.{ext}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Split the batch: qr (cover sheets and receipts open dossiers), patch-t (patch-T sheets start a new document) or every:N (a new document every N pages).</source>
        <translation>Tách loạt quét: qr (tờ bìa và phiếu tiếp nhận mở hồ sơ tương ứng), patch-t (tờ patch-T bắt đầu tài liệu mới) hoặc every:N (cứ N trang một tài liệu mới).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clean each saved page up: deskew, orient, crop, blank (flag blank pages; blank=PERCENT sets the most ink a blank page may carry, default 0.02), bilevel (text-only pages), comma-separated. The original is kept as scanned.</source>
        <translation>Làm sạch từng trang đã lưu: deskew (chỉnh nghiêng), orient (xoay đúng chiều), crop (cắt theo khổ giấy), blank (đánh dấu trang trắng; blank=PERCENT đặt lượng mực tối đa của một trang trắng, mặc định 0.02), bilevel (trang chỉ có chữ), cách nhau bằng dấu phẩy. Bản gốc vẫn giữ nguyên như khi quét.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>--device is required</source>
        <translation>cần có --device</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>--source must be flatbed, adf or duplex</source>
        <translation>--source phải là flatbed, adf hoặc duplex</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--mode must be color, gray or lineart</source>
        <translation>--mode phải là color, gray hoặc lineart</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--resolution must be a whole number of dpi, not %1</source>
        <translation>--resolution phải là một số nguyên (dpi), không phải %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--page-size must be A4, A5, Letter or WxHmm</source>
        <translation>--page-size phải là A4, A5, Letter hoặc WxHmm (rộng x cao, tính bằng mm)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--option needs NAME=VALUE, not %1</source>
        <translation>--option cần dạng TÊN=GIÁ_TRỊ, không phải %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--format must be auto, jpeg or png</source>
        <translation>--format phải là auto, jpeg hoặc png</translation>
    </message>
    <message>
        <location filename="../../app/cli/DossierCleanupCommand.cpp" line="+20"/>
        <source>Steps: deskew, orient, crop, blank, bilevel (comma-separated); blank=PERCENT sets the most ink a blank page may carry (default 0.02).</source>
        <translation>Các bước: deskew, orient, crop, blank, bilevel (cách nhau bằng dấu phẩy); blank=PERCENT đặt lượng mực tối đa của một trang trắng (mặc định 0.02).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only this component.</source>
        <translation>Chỉ thành phần này.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JPEG quality 1-100 of cleaned pages (default 85).</source>
        <translation>Chất lượng JPEG 1-100 của trang đã làm sạch (mặc định 85).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clean pages up again even if done with the same steps.</source>
        <translation>Làm sạch lại các trang kể cả khi đã làm với cùng các bước.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--cleanup STEPS is required</source>
        <translation>cần có --cleanup STEPS</translation>
    </message>
    <message>
        <location line="+13"/>
        <location filename="../../app/cli/ScanCommand.cpp" line="+4"/>
        <source>--jpeg-quality must be a whole number from 1 to 100</source>
        <translation>--jpeg-quality phải là số nguyên từ 1 đến 100</translation>
    </message>
    <message>
        <location filename="../../app/cli/ScanCommand.cpp" line="+6"/>
        <source>--max-pages must be a whole number from 1, not %1</source>
        <translation>--max-pages phải là số nguyên từ 1 trở lên, không phải %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--at must be a position from 1, without --separate</source>
        <translation>--at phải là một vị trí từ 1 trở lên và không dùng cùng --separate</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--replace needs --at N: the position of the first page to replace</source>
        <translation>--replace cần --at N: vị trí của trang đầu tiên cần thay</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--component needs a name (letters or digits), not &quot;%1&quot;</source>
        <translation>--component cần một tên (chữ hoặc số), không phải &quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../../app/cli/ScanOutput.cpp" line="-43"/>
        <source>Sheet %1</source>
        <translation>Tờ %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 page(s) are saved as scanned but could not be cleaned up; run dossier cleanup to try again.</source>
        <translation>%1 trang đã được lưu như khi quét nhưng không làm sạch được; hãy chạy dossier cleanup để thử lại.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 page(s) are saved; run the same command again to continue into the same dossier.</source>
        <translation>Đã lưu %1 trang; chạy lại cùng lệnh để quét tiếp vào cùng hồ sơ.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 page(s) were read but NOT saved and must be scanned again.</source>
        <translation>%1 trang đã quét nhưng CHƯA được lưu, cần quét lại.</translation>
    </message>
    <message>
        <location filename="../../app/cli/SignArguments.cpp" line="+49"/>
        <source>--page must be a page number from 1, or &quot;last&quot;, not %1</source>
        <translation>--page phải là số trang từ 1 trở lên hoặc &quot;last&quot;, không phải %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--corner must be top-right, top-left, bottom-right or bottom-left</source>
        <translation>--corner phải là top-right, top-left, bottom-right hoặc bottom-left</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--offset-mm needs two distances in mm, X,Y (for example 20,15)</source>
        <translation>--offset-mm cần hai khoảng cách tính bằng mm, X,Y (ví dụ 20,15)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--size-mm needs a width and a height in mm, WxH (for example 70x30)</source>
        <translation>--size-mm cần chiều rộng và chiều cao tính bằng mm, WxH (ví dụ 70x30)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Output folder (outputs keep their input&apos;s name), or output file for one input.</source>
        <translation>Thư mục đầu ra (tệp ký giữ tên tệp gốc), hoặc tệp đầu ra khi chỉ có một tệp vào.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace existing output files.</source>
        <translation>Ghi đè các tệp đầu ra đã có.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create the output folder if it does not exist.</source>
        <translation>Tạo thư mục đầu ra nếu chưa có.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PKCS#12 key file (.p12/.pfx).</source>
        <translation>Tệp khóa PKCS#12 (.p12/.pfx).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PKCS#11 module of the token (default: known locations).</source>
        <translation>Thư viện PKCS#11 của token (mặc định: các vị trí đã biết).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token label or serial.</source>
        <translation>Nhãn hoặc số sê-ri của token.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key label on the token, or a pkcs11: URI.</source>
        <translation>Nhãn khóa trên token, hoặc một URI pkcs11:.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none, copy, attachment, signer or organization.</source>
        <translation>none (không hiển thị), copy (bản sao), attachment (văn bản kèm theo), signer (người ký) hoặc organization (cơ quan, tổ chức).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy form for --appearance copy: &quot;SAO Y&quot;, &quot;SAO LỤC&quot; or &quot;TRÍCH SAO&quot;.</source>
        <translation>Hình thức sao cho --appearance copy: &quot;SAO Y&quot;, &quot;SAO LỤC&quot; hoặc &quot;TRÍCH SAO&quot;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Organization name shown in the block.</source>
        <translation>Tên cơ quan, tổ chức hiển thị trong khối chữ ký.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Document number and notation for --appearance attachment.</source>
        <translation>Số và ký hiệu văn bản cho --appearance attachment.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signer&apos;s title for signer/organization appearances.</source>
        <translation>Chức vụ người ký cho kiểu hiển thị signer/organization.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signer&apos;s name for signer/organization appearances.</source>
        <translation>Họ tên người ký cho kiểu hiển thị signer/organization.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handwritten signature, transparent PNG.</source>
        <translation>Ảnh chữ ký tay, PNG nền trong suốt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal, transparent PNG at its real size.</source>
        <translation>Ảnh con dấu, PNG nền trong suốt, đúng kích thước thật.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page of a visible signature: a number from 1, or &quot;last&quot;.</source>
        <translation>Trang đặt chữ ký hiển thị: số thứ tự từ 1, hoặc &quot;last&quot; (trang cuối).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>top-right, top-left, bottom-right or bottom-left.</source>
        <translation>top-right (trên phải), top-left (trên trái), bottom-right (dưới phải) hoặc bottom-left (dưới trái).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offset of the block from the corner, X,Y in mm.</source>
        <translation>Khoảng cách của khối chữ ký tới góc, X,Y tính bằng mm.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size of the block, WxH in mm.</source>
        <translation>Kích thước khối chữ ký, RxC tính bằng mm.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for signing.</source>
        <translation>Lý do ký.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place of signing.</source>
        <translation>Nơi ký.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact information.</source>
        <translation>Thông tin liên hệ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RFC 3161 timestamp service URL (PAdES B-T).</source>
        <translation>Địa chỉ dịch vụ cấp dấu thời gian RFC 3161 (PAdES B-T).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cades (ETSI.CAdES.detached, default) or pkcs7 (adbe.pkcs7.detached).</source>
        <translation>cades (ETSI.CAdES.detached, mặc định) hoặc pkcs7 (adbe.pkcs7.detached).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sha256 (default), sha384 or sha512.</source>
        <translation>sha256 (mặc định), sha384 hoặc sha512.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use RSASSA-PSS for RSA keys.</source>
        <translation>Dùng RSASSA-PSS cho khóa RSA.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certify the document (an author signature, only on an unsigned file) and allow afterwards: 1 no change, 2 filling forms and signing, 3 also annotations.</source>
        <translation>Chứng nhận tài liệu (chữ ký của tác giả, chỉ trên tệp chưa ký) và cho phép về sau: 1 không thay đổi gì, 2 điền biểu mẫu và ký, 3 thêm cả chú thích.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>After signing, add the validation data of the signature (PAdES B-LT; with --tsa also a document timestamp, B-LTA).</source>
        <translation>Sau khi ký, thêm dữ liệu xác thực của chữ ký (PAdES B-LT; với --tsa thêm cả dấu thời gian tài liệu, B-LTA).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>--appearance must be none, copy, attachment, signer or organization, not %1</source>
        <translation>--appearance phải là none, copy, attachment, signer hoặc organization, không phải %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>--tsa needs the URL of a timestamp service, for example http://tsa.example.vn/tsa</source>
        <translation>--tsa cần địa chỉ URL của dịch vụ cấp dấu thời gian, ví dụ http://tsa.example.vn/tsa</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--subfilter must be cades or pkcs7</source>
        <translation>--subfilter phải là cades hoặc pkcs7</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--hash must be sha256, sha384 or sha512</source>
        <translation>--hash phải là sha256, sha384 hoặc sha512</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--certify must be 1, 2 or 3, not %1</source>
        <translation>--certify phải là 1, 2 hoặc 3, không phải %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>give --p12 FILE or a token (--pkcs11-module, --token or --key pkcs11:...)</source>
        <translation>hãy chỉ định --p12 TỆP hoặc một token (--pkcs11-module, --token hoặc --key pkcs11:...)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>a PIN in the --key URI (pin-value=) can be read by every account on this computer: remove it and use --pin-env, --pin-file or the prompt</source>
        <translation>mã PIN trong URI của --key (pin-value=) có thể bị mọi tài khoản trên máy này đọc được: hãy bỏ nó đi và dùng --pin-env, --pin-file hoặc nhập khi được hỏi</translation>
    </message>
    <message>
        <location filename="../../app/cli/SignCommand.cpp" line="+28"/>
        <source>--appearance copy needs --organization NAME</source>
        <translation>--appearance copy cần --organization TÊN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--appearance attachment needs --doc-number TEXT</source>
        <translation>--appearance attachment cần --doc-number SỐ_KÝ_HIỆU</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--appearance signer needs --signature-image PNG</source>
        <translation>--appearance signer cần --signature-image PNG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--appearance organization needs --signature-image PNG and --seal-image PNG</source>
        <translation>--appearance organization cần --signature-image PNG và --seal-image PNG</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Key file password</source>
        <translation>Mật khẩu tệp khóa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Token PIN</source>
        <translation>Mã PIN của token</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>no input PDF given</source>
        <translation>chưa chỉ định tệp PDF đầu vào</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--out FOLDER (or FILE for one input) is required</source>
        <translation>cần có --out THƯ_MỤC (hoặc TỆP khi chỉ có một tệp đầu vào)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Sign PDF files (PAdES) with a PKCS#12 file or a PKCS#11 token.</source>
        <translation>Ký số tệp PDF (PAdES) bằng tệp PKCS#12 hoặc token PKCS#11.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files to sign.</source>
        <translation>Các tệp cần ký.</translation>
    </message>
    <message>
        <location filename="../../app/cli/StampQrCommand.cpp" line="-23"/>
        <source>Stamp a QR code on PDF pages as an incremental update (earlier signatures stay valid).</source>
        <translation>Đóng mã QR lên các trang PDF dưới dạng cập nhật tăng dần (các chữ ký có trước vẫn hợp lệ).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF to stamp (not modified).</source>
        <translation>Tệp PDF cần đóng mã (không bị sửa đổi).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output PDF.</source>
        <translation>Tệp PDF đầu ra.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>QR text; placeholders {dossier_code} {doc_number} {url} {sha256} (of the input) {date}.</source>
        <translation>Nội dung mã QR; các biến {dossier_code} {doc_number} {url} {sha256} (của tệp vào) {date}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>first (default), last, all, or a list such as 1,3,5-7.</source>
        <translation>first (trang đầu, mặc định), last (trang cuối), all (tất cả), hoặc danh sách như 1,3,5-7.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>top-right, top-left, bottom-right (default), bottom-left, or Xmm,Ymm from the visible page&apos;s top-left.</source>
        <translation>top-right, top-left, bottom-right (mặc định), bottom-left, hoặc Xmm,Ymm tính từ góc trên bên trái của trang hiển thị.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Side of the code in mm, quiet zone included (default 20).</source>
        <translation>Cạnh mã tính bằng mm, kể cả viền trắng (mặc định 20).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text under the code (Vietnamese allowed).</source>
        <translation>Dòng chữ dưới mã (dùng được tiếng Việt).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error correction: L, M (default), Q or H.</source>
        <translation>Mức sửa lỗi: L, M (mặc định), Q hoặc H.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value of {dossier_code}.</source>
        <translation>Giá trị của {dossier_code}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value of {doc_number}.</source>
        <translation>Giá trị của {doc_number}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value of {url}.</source>
        <translation>Giá trị của {url}.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Pages smaller than the code, which was shrunk to fit</source>
        <translation>Trang nhỏ hơn mã QR, mã đã được thu nhỏ</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>give exactly one input PDF</source>
        <translation>hãy chỉ định đúng một tệp PDF đầu vào</translation>
    </message>
    <message>
        <location filename="../../app/cli/LtvCommand.cpp" line="+11"/>
        <location filename="../../app/cli/StampQrCommand.cpp" line="+2"/>
        <source>--out FILE is required</source>
        <translation>cần có --out TỆP</translation>
    </message>
    <message>
        <location filename="../../app/cli/StampQrCommand.cpp" line="+2"/>
        <source>--text TEMPLATE is required</source>
        <translation>cần có --text MẪU</translation>
    </message>
    <message>
        <location filename="../../app/cli/PageArguments.cpp" line="+12"/>
        <source>Component of the page.</source>
        <translation>Thành phần hồ sơ chứa trang.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position of the page in the component, from 1.</source>
        <translation>Vị trí của trang trong thành phần hồ sơ, đếm từ 1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 needs --component NAME</source>
        <translation>%1 cần --component TÊN</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 needs --page N (a position from 1)</source>
        <translation>%1 cần --page N (một vị trí từ 1 trở lên)</translation>
    </message>
    <message>
        <location filename="../../app/cli/PageMoveCommand.cpp" line="+14"/>
        <source>New position, from 1.</source>
        <translation>Vị trí mới, đếm từ 1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move into this component of the same dossier.</source>
        <translation>Chuyển sang thành phần này của cùng hồ sơ.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>page move needs --to M (a position from 1)</source>
        <translation>page move cần --to M (một vị trí từ 1 trở lên)</translation>
    </message>
    <message>
        <location filename="../../app/cli/PageRotateCommand.cpp" line="+13"/>
        <source>Clockwise: 90, 180 or 270.</source>
        <translation>Theo chiều kim đồng hồ: 90, 180 hoặc 270.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>page rotate needs --degrees 90, 180 or 270</source>
        <translation>page rotate cần --degrees 90, 180 hoặc 270</translation>
    </message>
    <message>
        <location filename="../../app/cli/CliSecrets.cpp" line="+23"/>
        <source>the environment variable %1 is not set</source>
        <translation>biến môi trường %1 chưa được đặt</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the file %1 may be read by other users: make it readable by its owner only (chmod 600 %1)</source>
        <translation>người dùng khác có thể đọc tệp %1: hãy để chỉ chủ sở hữu đọc được (chmod 600 %1)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>no terminal to ask for the PIN: use --pin-env or --pin-file</source>
        <translation>không có cửa sổ dòng lệnh để hỏi mã PIN: hãy dùng --pin-env hoặc --pin-file</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Password of encrypted input PDFs (user or owner), from this environment variable.</source>
        <translation>Mật khẩu của các tệp PDF đầu vào được mã hóa (người dùng hoặc chủ sở hữu), lấy từ biến môi trường này.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Password of encrypted input PDFs (user or owner), first line of this file.</source>
        <translation>Mật khẩu của các tệp PDF đầu vào được mã hóa (người dùng hoặc chủ sở hữu), ở dòng đầu tiên của tệp này.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>give either --pdf-password-env or --pdf-password-file, not both</source>
        <translation>chỉ dùng một trong hai: --pdf-password-env hoặc --pdf-password-file</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Read the PIN or password from this environment variable.</source>
        <translation>Đọc mã PIN hoặc mật khẩu từ biến môi trường này.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the PIN or password from the first line of this file.</source>
        <translation>Đọc mã PIN hoặc mật khẩu từ dòng đầu tiên của tệp này.</translation>
    </message>
    <message>
        <location filename="../../app/cli/DossierListCommand.cpp" line="+42"/>
        <source>missing %1, damaged %2 (dossier show)</source>
        <translation>thiếu %1, hỏng %2 (xem dossier show)</translation>
    </message>
    <message>
        <location filename="../../app/cli/StoreRebuildCommand.cpp" line="+75"/>
        <source>A page file its dossier&apos;s manifest does not list was added from its folder</source>
        <translation>Một tệp trang không có trong bản kê của hồ sơ đã được thêm theo thư mục chứa nó</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A dossier manifest could not be used; its folder was read by file names</source>
        <translation>Không dùng được bản kê của một hồ sơ; thư mục của hồ sơ được đọc theo tên tệp</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rebuilt from folder and file names alone (no usable manifest): the procedure, the applicant, rotations, deleted pages and the order after moves are not known</source>
        <translation>Được dựng lại chỉ từ tên thư mục và tên tệp (không có bản kê dùng được): không biết thủ tục, người nộp, góc xoay, các trang đã xóa và thứ tự sau khi di chuyển trang</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A change may not have been saved before the index was lost; the dossier is as it was before it</source>
        <translation>Một thay đổi có thể chưa được lưu trước khi mất chỉ mục; hồ sơ được dựng lại như trước thay đổi đó</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Left alone (not a page image of a dossier folder)</source>
        <translation>Để nguyên (không phải ảnh trang trong thư mục hồ sơ)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rebuild the store&apos;s index from its dossier folders, manifests and page files.</source>
        <translation>Dựng lại chỉ mục của kho từ các thư mục hồ sơ, bản kê và tệp trang.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rebuild even an index that opens without error.</source>
        <translation>Dựng lại cả khi chỉ mục vẫn mở được bình thường.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>store rebuild takes no arguments</source>
        <translation>store rebuild không nhận đối số nào</translation>
    </message>
    <message>
        <location filename="../../app/cli/VerifyCommand.cpp" line="+30"/>
        <source>The file holds no signature; it proves nothing.</source>
        <translation>Tệp không có chữ ký số nào; tệp không chứng minh được điều gì.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Verify the signatures and document timestamps of PDFs: structure, cryptography, changes after signing, certificate trust, validity at the signing time and revocation.</source>
        <translation>Kiểm tra chữ ký số và dấu thời gian tài liệu của tệp PDF: cấu trúc, mật mã, thay đổi sau khi ký, độ tin cậy của chứng thư số, hiệu lực tại thời điểm ký và tình trạng thu hồi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PDFs, or folders searched for *.pdf.</source>
        <translation>Các tệp PDF, hoặc thư mục để tìm các tệp *.pdf.</translation>
    </message>
    <message>
        <location filename="../../app/cli/LtvCommand.cpp" line="-20"/>
        <source>Add the certificates and OCSP/CRL answers of every signature (PAdES B-LT) and, with --tsa, a document timestamp (B-LTA), so that the files verify offline (verify --offline).</source>
        <translation>Thêm các chứng thư số và phản hồi OCSP/CRL của mọi chữ ký (PAdES B-LT) và, với --tsa, một dấu thời gian tài liệu (B-LTA), để tệp kiểm tra được khi không có mạng (verify --offline).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed PDFs (not modified).</source>
        <translation>Các tệp PDF đã ký (không bị sửa đổi).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output folder (or file, for one input).</source>
        <translation>Thư mục đầu ra (hoặc tệp, khi chỉ có một đầu vào).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RFC 3161 timestamp service for the document timestamp.</source>
        <translation>Dịch vụ cấp dấu thời gian RFC 3161 cho dấu thời gian tài liệu.</translation>
    </message>
    <message>
        <location filename="../../app/cli/CliArgs.cpp" line="-28"/>
        <source>Trusted root certificates: a PEM or DER file, or a folder of them (repeatable).</source>
        <translation>Chứng thư số gốc tin cậy: tệp PEM hoặc DER, hoặc thư mục chứa các tệp đó (có thể dùng nhiều lần).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also trust the system&apos;s root certificates.</source>
        <translation>Tin cậy cả các chứng thư số gốc của hệ thống.</translation>
    </message>
    <message>
        <location filename="../../app/cli/LtvCommand.cpp" line="+1"/>
        <source>Create the output folder when it does not exist.</source>
        <translation>Tạo thư mục đầu ra nếu chưa có.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>give at least one signed PDF</source>
        <translation>hãy chỉ ra ít nhất một tệp PDF đã ký</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>--tsa must be an http:// or https:// address</source>
        <translation>--tsa phải là một địa chỉ http:// hoặc https://</translation>
    </message>
    <message>
        <location filename="../../app/cli/VerifyCommand.cpp" line="+3"/>
        <source>Use only the revocation data in the files; never ask OCSP or CRL servers.</source>
        <translation>Chỉ dùng dữ liệu thu hồi có trong tệp; không hỏi máy chủ OCSP hoặc CRL.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A certificate that names no OCSP or CRL source makes the signature INDETERMINATE.</source>
        <translation>Chứng thư số không nêu nguồn OCSP hoặc CRL nào sẽ làm chữ ký ở trạng thái CHƯA XÁC ĐỊNH (INDETERMINATE).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accept SHA-1 digests (refused by default).</source>
        <translation>Chấp nhận hàm băm SHA-1 (mặc định bị từ chối).</translation>
    </message>
    <message>
        <location filename="../../app/cli/CliArgs.cpp" line="+2"/>
        <source>Seconds to wait for each OCSP or CRL server (default 10).</source>
        <translation>Số giây chờ mỗi máy chủ OCSP hoặc CRL (mặc định 10).</translation>
    </message>
    <message>
        <location filename="../../app/cli/VerifyCommand.cpp" line="+2"/>
        <source>Write what each signature signed (its revision) into this folder.</source>
        <translation>Ghi nội dung mà mỗi chữ ký đã ký (phiên bản được ký) vào thư mục này.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files verified at once (default: one per core).</source>
        <translation>Số tệp được kiểm tra cùng lúc (mặc định: một tệp cho mỗi lõi CPU).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>give at least one PDF or folder to verify</source>
        <translation>hãy chỉ ra ít nhất một tệp PDF hoặc thư mục cần kiểm tra</translation>
    </message>
    <message>
        <location filename="../../app/cli/CliArgs.cpp" line="+11"/>
        <source>--timeout must be a number of seconds from 0 to 600</source>
        <translation>--timeout phải là số giây từ 0 đến 600</translation>
    </message>
    <message>
        <location filename="../../app/cli/VerifyCommand.cpp" line="+15"/>
        <source>--jobs must be a whole number from 1 to 64</source>
        <translation>--jobs phải là số nguyên từ 1 đến 64</translation>
    </message>
    <message>
        <location filename="../../app/cli/TargetCommands.cpp" line="+20"/>
        <source>A WebDAV collection.</source>
        <translation>Một thư mục WebDAV.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An HTTP endpoint taking multipart POSTs.</source>
        <translation>Một địa chỉ HTTP nhận yêu cầu POST nhiều phần.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A local or mounted folder.</source>
        <translation>Một thư mục trên máy hoặc thư mục mạng đã gắn.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An extra form field (HTTP).</source>
        <translation>Một trường biểu mẫu bổ sung (HTTP).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name (Basic authentication).</source>
        <translation>Tên đăng nhập (xác thực Basic).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the password or token from this environment variable.</source>
        <translation>Đọc mật khẩu hoặc mã xác thực từ biến môi trường này.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the password or token from this file (mode 600).</source>
        <translation>Đọc mật khẩu hoặc mã xác thực từ tệp này (quyền 600).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep the password or token in the desktop keyring (typed, or the first line of standard input).</source>
        <translation>Giữ mật khẩu hoặc mã xác thực trong kho khóa của máy (nhập từ bàn phím, hoặc dòng đầu tiên của đầu vào chuẩn).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trust this CA (PEM) for TLS.</source>
        <translation>Tin cậy tổ chức cấp chứng thư này (PEM) cho TLS.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authenticate with this TLS client certificate (PKCS#12).</source>
        <translation>Xác thực bằng chứng thư số máy khách TLS này (PKCS#12).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the client certificate&apos;s password from this environment variable.</source>
        <translation>Đọc mật khẩu của chứng thư số máy khách từ biến môi trường này.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read the client certificate&apos;s password from this file (mode 600).</source>
        <translation>Đọc mật khẩu của chứng thư số máy khách từ tệp này (quyền 600).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accept only this server key: sha256//BASE64 of its SubjectPublicKeyInfo.</source>
        <translation>Chỉ chấp nhận khóa máy chủ này: sha256//BASE64 của SubjectPublicKeyInfo của khóa.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send no faster than this many bytes per second.</source>
        <translation>Gửi không nhanh hơn số byte mỗi giây này.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remote names: {dossier} {file} {date} {sha256}.</source>
        <translation>Tên trên máy chủ: {dossier} {file} {date} {sha256}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+96"/>
        <source>give the target&apos;s name once</source>
        <translation>hãy cho tên nơi nhận một lần</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>give exactly one of --webdav URL, --http URL, --folder DIR</source>
        <translation>hãy cho đúng một trong --webdav URL, --http URL, --folder DIR</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>--field takes NAME=VALUE: %1</source>
        <translation>--field nhận dạng TÊN=GIÁ_TRỊ: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>--limit-rate takes a number of bytes per second</source>
        <translation>--limit-rate nhận một số byte mỗi giây</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give one of --secret-env, --secret-file, --secret-keyring</source>
        <translation>chỉ dùng một trong: --secret-env, --secret-file, --secret-keyring</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Password or token for %1: </source>
        <translation>Mật khẩu hoặc mã xác thực cho %1: </translation>
    </message>
    <message>
        <location filename="../../app/cli/UploadCommands.cpp" line="+62"/>
        <source>The target (sohoa-cli target list).</source>
        <translation>Nơi nhận (sohoa-cli target list).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dossier&apos;s signed files, or with FILEs: the dossier they belong to.</source>
        <translation>Các tệp đã ký của hồ sơ, hoặc khi có FILE: hồ sơ chứa các tệp đó.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>say where with --to NAME</source>
        <translation>hãy cho nơi nhận bằng --to NAME</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>give --dossier CODE or the files to upload</source>
        <translation>hãy cho --dossier CODE hoặc các tệp cần tải lên</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>End instead of waiting longer than this for a retry (default: wait).</source>
        <translation>Kết thúc thay vì chờ lâu hơn số giây này để gửi lại (mặc định: chờ).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deliveries at a time (default 2).</source>
        <translation>Số tệp gửi cùng lúc (mặc định 2).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--max-wait takes a number of seconds</source>
        <translation>--max-wait nhận một số giây</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--concurrency takes a number from 1 to 16</source>
        <translation>--concurrency nhận một số từ 1 đến 16</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>give the job&apos;s number (queue list)</source>
        <translation>hãy cho số của việc tải lên (queue list)</translation>
    </message>
    <message>
        <location filename="../../app/cli/DossierMetadataCommand.cpp" line="+32"/>
        <source>Set fields of this document (component).</source>
        <translation>Đặt các trường của văn bản (thành phần) này.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FIELD=VALUE; an empty VALUE removes the field. May be repeated.</source>
        <translation>FIELD=VALUE; VALUE để trống thì xóa trường đó. Có thể lặp lại.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>--component is for --set</source>
        <translation>--component chỉ dùng cùng --set</translation>
    </message>
    <message>
        <location filename="../../app/cli/PageReviewBlankCommand.cpp" line="+14"/>
        <source>The page is wanted (e.g. a back with a faint stamp).</source>
        <translation>Trang này cần giữ (ví dụ mặt sau có dấu mờ).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take the page out (restorable with page restore).</source>
        <translation>Bỏ trang ra (khôi phục được bằng page restore).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>give --keep or --remove</source>
        <translation>hãy chọn --keep hoặc --remove</translation>
    </message>
</context>
<context>
    <name>sohoa::files</name>
    <message>
        <location filename="../../core/common/DurableFile.cpp" line="+60"/>
        <source>%1 does not exist.</source>
        <translation>%1 không tồn tại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 là một thư mục, không phải một tệp.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The folder %1 does not exist.</source>
        <translation>Thư mục %1 không tồn tại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 là một tệp, không phải một thư mục.</translation>
    </message>
</context>
<context>
    <name>sohoa::gui</name>
    <message>
        <location filename="../../app/gui/main.cpp" line="+44"/>
        <source>SoHoa workstation: scan, sign and file records.</source>
        <translation>Trạm làm việc SoHoa: quét, ký số và lưu trữ hồ sơ.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The dossier store folder (default: $SOHOA_STORE, then the settings).</source>
        <translation>Thư mục kho hồ sơ (mặc định: $SOHOA_STORE, sau đó là cài đặt).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use SANE&apos;s virtual scanners (test, pnm).</source>
        <translation>Dùng máy quét ảo của SANE (test, pnm).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the signing desk with the PDFs (or folders) given, instead of verifying them.</source>
        <translation>Mở bàn ký số với các tệp PDF (hoặc thư mục) đã cho, thay vì kiểm tra chúng.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed PDFs to verify (the verification window opens with them).</source>
        <translation>Các tệp PDF đã ký cần kiểm tra (cửa sổ kiểm tra chữ ký mở cùng các tệp này).</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::AppearanceEditor</name>
    <message>
        <location filename="../../app/gui/AppearanceEditor.cpp" line="+36"/>
        <source>Certified copy block</source>
        <translation>Khối chữ ký bản sao</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attachment block</source>
        <translation>Khối chữ ký phụ lục</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signer block</source>
        <translation>Khối chữ ký người ký</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signer and seal block</source>
        <translation>Khối chữ ký và con dấu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invisible signature</source>
        <translation>Chữ ký ẩn</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>last</source>
        <translation>cuối</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Browse…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Image</source>
        <translation>Ảnh</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New…</source>
        <translation>Mới…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new profile, starting as a copy of this one</source>
        <translation>Mẫu mới, bắt đầu là bản chép của mẫu này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Appearance profile:</source>
        <translation>Mẫu chữ ký:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block:</source>
        <translation>Khối chữ ký:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Organization:</source>
        <translation>Cơ quan, tổ chức:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy form:</source>
        <translation>Hình thức sao:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document number:</source>
        <translation>Số văn bản:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signer&apos;s title:</source>
        <translation>Chức vụ người ký:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signer&apos;s name:</source>
        <translation>Họ tên người ký:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature image:</source>
        <translation>Ảnh chữ ký:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal image:</source>
        <translation>Ảnh con dấu:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page:</source>
        <translation>Trang:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Top left corner</source>
        <translation>Góc trên bên trái</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top right corner</source>
        <translation>Góc trên bên phải</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bottom left corner</source>
        <translation>Góc dưới bên trái</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bottom right corner</source>
        <translation>Góc dưới bên phải</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decree 30 place</source>
        <translation>Vị trí theo Nghị định 30</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The place Decree 30 gives this block (copy and attachment: top right of page 1)</source>
        <translation>Vị trí Nghị định 30 quy định cho khối này (bản sao và phụ lục: góc trên bên phải trang 1)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Drag the block to move it, its corner to resize it. The seal of an organization block covers the left third of the signature.</source>
        <translation>Kéo khối để di chuyển, kéo góc của khối để đổi cỡ. Con dấu của khối cơ quan trùm lên một phần ba chữ ký về bên trái.</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>ORGANIZATION NAME</source>
        <translation>TÊN CƠ QUAN, TỔ CHỨC</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Add a PDF to see where the block goes.</source>
        <translation>Hãy thêm một tệp PDF để xem khối chữ ký sẽ nằm ở đâu.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>New appearance profile</source>
        <translation>Mẫu chữ ký mới</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name:</source>
        <translation>Tên:</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::ArchivalMetadataDialog</name>
    <message>
        <location filename="../../app/gui/ArchivalMetadataDialog.cpp" line="+41"/>
        <source>yyyy-mm-dd</source>
        <translation>yyyy-mm-dd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yyyy</source>
        <translation>yyyy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vĩnh viễn, or a number of years</source>
        <translation>Vĩnh viễn, hoặc số năm</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Archival metadata — %1</source>
        <translation>Siêu dữ liệu lưu trữ — %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decree 30 metadata for the archival PDF/A and its .xml sidecar. Grey fields are computed from the dossier.</source>
        <translation>Siêu dữ liệu theo Nghị định 30 cho PDF/A lưu trữ và tệp .xml đi kèm. Các trường màu xám được tính từ hồ sơ.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The file (hồ sơ)</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Document: %1</source>
        <translation>Văn bản: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>computed when the parts are filled in</source>
        <translation>được tính khi các phần đã điền đủ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Computed from the dossier; it cannot be typed</source>
        <translation>Tính từ hồ sơ; không nhập tay được</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Not a date: write yyyy-mm-dd (2025-03-01) or dd/mm/yyyy (01/03/2025).</source>
        <translation>Không phải ngày: hãy viết yyyy-mm-dd (2025-03-01) hoặc dd/mm/yyyy (01/03/2025).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a year: write four digits, for example 2025.</source>
        <translation>Không phải năm: hãy viết bốn chữ số, ví dụ 2025.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write &quot;Vĩnh viễn&quot; (permanent) or a number of years, for example 10.</source>
        <translation>Hãy viết &quot;Vĩnh viễn&quot; hoặc số năm, ví dụ 10.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Some fields are not right yet: see the red lines.</source>
        <translation>Một số trường chưa đúng: xem các dòng màu đỏ.</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::ArchivePanel</name>
    <message>
        <location filename="../../app/gui/ArchivePanel.cpp" line="+28"/>
        <source>Start batch</source>
        <translation>Bắt đầu quét lô</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scan the feeder with the current profile (Ctrl+B)</source>
        <translation>Quét khay nạp giấy với hồ sơ quét hiện tại (Ctrl+B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After clearing a jam or refilling the feeder: go on where the batch stopped (Ctrl+Shift+B)</source>
        <translation>Sau khi gỡ giấy kẹt hoặc nạp thêm giấy: quét tiếp từ chỗ lô đã dừng (Ctrl+Shift+B)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Print cover sheets…</source>
        <translation>In tờ bìa…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>pages</source>
        <translation>trang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dossiers opened</source>
        <translation>hồ sơ được mở</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pages per minute</source>
        <translation>trang mỗi phút</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sheets that looked like separator sheets but could not be used; they were kept as pages</source>
        <translation>Các tờ trông giống tờ phân cách nhưng không dùng được; chúng được giữ lại như trang thường</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose a scan profile (Ctrl+1…9)</source>
        <translation>Chọn hồ sơ quét (Ctrl+1…9)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile: %1 — dossiers are split by separator sheets</source>
        <translation>Hồ sơ quét: %1 — hồ sơ được tách theo tờ phân cách</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile: %1 — pages go into the chosen dossier</source>
        <translation>Hồ sơ quét: %1 — các trang vào hồ sơ đang chọn</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::Banner</name>
    <message>
        <location filename="../../app/gui/Banner.cpp" line="+63"/>
        <source>Close this message</source>
        <translation>Đóng thông báo này</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::BlankReviewDialog</name>
    <message>
        <location filename="../../app/gui/BlankReviewDialog.cpp" line="+26"/>
        <source>Review blank pages</source>
        <translation>Xem lại trang trắng</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>← Previous</source>
        <translation>← Trước</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep (K, Space)</source>
        <translation>Giữ (K, Space)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove (Delete, R)</source>
        <translation>Bỏ (Delete, R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next →</source>
        <translation>Tiếp →</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>No blank pages to review</source>
        <translation>Không có trang trắng cần xem lại</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cleanup flagged no page of this dossier as blank, or every flagged page was already reviewed.</source>
        <translation>Bước làm sạch không đánh dấu trang nào của hồ sơ này là trang trắng, hoặc mọi trang bị đánh dấu đã được xem lại.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Blank page %1 of %2</source>
        <translation>Trang trắng %1 / %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, page %2 of the dossier · ink %3 %</source>
        <translation>%1, trang %2 của hồ sơ · mực %3 %</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Is this page really blank? K or Space keeps it; Delete or R removes it.</source>
        <translation>Trang này có thật là trang trắng? K hoặc Space để giữ; Delete hoặc R để bỏ.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kept: this page stays in the dossier.</source>
        <translation>Đã giữ: trang này vẫn ở trong hồ sơ.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed: it can be put back from &quot;Deleted&quot; above the pages (or press K to keep it).</source>
        <translation>Đã bỏ: có thể lấy lại từ mục &quot;Đã xóa&quot; phía trên các trang (hoặc bấm K để giữ).</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>All %n blank page(s) reviewed: %1 kept, %2 removed. Esc closes.</source>
        <translation>
            <numerusform>Đã xem lại cả %n trang trắng: giữ %1, bỏ %2. Esc để đóng.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n page(s) still to review.</source>
        <translation>
            <numerusform>Còn %n trang cần xem lại.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sohoa::gui::CoverSheetDialog</name>
    <message>
        <location filename="../../app/gui/CoverSheetDialog.cpp" line="+25"/>
        <source>Print cover sheets</source>
        <translation>In tờ bìa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One dossier code per line; components after a colon, separated by &apos;;&apos;</source>
        <translation>Mỗi dòng một mã hồ sơ; các thành phần đặt sau dấu hai chấm, cách nhau bằng &apos;;&apos;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder for the cover sheets</source>
        <translation>Thư mục lưu tờ bìa</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Dossier codes:</source>
        <translation>&amp;Mã hồ sơ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Folder:</source>
        <translation>&amp;Thư mục:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Make PDFs</source>
        <translation>Tạo tệp PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Type at least one dossier code.</source>
        <translation>Hãy nhập ít nhất một mã hồ sơ.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder %1 cannot be made.</source>
        <translation>Không tạo được thư mục %1.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Making %1…</source>
        <translation>Đang tạo %1…</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::DemoScanner</name>
    <message>
        <location filename="../../app/gui/DemoScanner.cpp" line="+144"/>
        <source>Demo: sample pages (virtual scanner)</source>
        <translation>Trình diễn: trang mẫu (máy quét ảo)</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::DeviceOptionsPanel</name>
    <message>
        <location filename="../../app/gui/DeviceOptionsPanel.cpp" line="+38"/>
        <source>No scanner chosen.</source>
        <translation>Chưa chọn máy quét.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Opening %1…</source>
        <translation>Đang mở %1…</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::DossierPane</name>
    <message numerus="yes">
        <location filename="../../app/gui/DossierPane.cpp" line="+80"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>closed</source>
        <translation>đã đóng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open</source>
        <translation>đang xử lý</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Search code, applicant, procedure (Ctrl+F)</source>
        <translation>Tìm theo mã, người nộp, thủ tục (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::JobBar</name>
    <message>
        <location filename="../../app/gui/JobBar.cpp" line="+21"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the running work (Esc). Pages and files already saved stay saved.</source>
        <translation>Dừng công việc đang chạy (Esc). Các trang và tệp đã lưu vẫn được giữ.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 — stopping…</source>
        <translation>%1 — đang dừng…</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::MainWindow</name>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="+61"/>
        <source>SoHoa — scan, sign and file records</source>
        <translation>SoHoa — quét, ký số và lưu trữ hồ sơ</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>&amp;New dossier…</source>
        <translation>Hồ sơ &amp;mới…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Scan into component</source>
        <translation>&amp;Quét vào thành phần</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan &amp;before the selected page</source>
        <translation>Quét chèn &amp;trước trang đang chọn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Rescan the selected page in place</source>
        <translation>Quét &amp;lại trang đang chọn tại chỗ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Confirm the page count against the paper</source>
        <translation>&amp;Xác nhận số trang khớp với bản giấy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export dossier as PDF</source>
        <translation>&amp;Xuất hồ sơ ra PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the &amp;component as PDF</source>
        <translation>Xuất &amp;thành phần ra PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;archival PDF/A…</source>
        <translation>Xuất PDF/A &amp;lưu trữ…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;lean up pages…</source>
        <translation>&amp;Làm sạch trang…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review &amp;blank pages…</source>
        <translation>Xem lại trang &amp;trắng…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archival &amp;metadata…</source>
        <translation>&amp;Siêu dữ liệu lưu trữ…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;top the running work</source>
        <translation>&amp;Dừng công việc đang chạy</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+516"/>
        <location filename="../../app/gui/MainWindowActions.cpp" line="+810"/>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location line="-514"/>
        <location line="+515"/>
        <location filename="../../app/gui/MainWindowActions.cpp" line="+1"/>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location line="-512"/>
        <source>Rotate &amp;left</source>
        <translation>Xoay t&amp;rái</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rotate &amp;right</source>
        <translation>Xoay &amp;phải</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete page</source>
        <translation>&amp;Xóa trang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move page &amp;earlier</source>
        <translation>Chuyển trang lên &amp;trước</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move page &amp;later</source>
        <translation>Chuyển trang về &amp;sau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ne&amp;xt component</source>
        <translation>Thành phần &amp;kế tiếp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pre&amp;vious component</source>
        <translation>Thành phần &amp;trước</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Find dossier</source>
        <translation>&amp;Tìm hồ sơ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Start batch</source>
        <translation>&amp;Bắt đầu quét lô</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Continue batch</source>
        <translation>&amp;Tiếp tục quét lô</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print co&amp;ver sheets…</source>
        <translation>In tờ &amp;bìa…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;detect scanners</source>
        <translation>&amp;Dò lại máy quét</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scanner &amp;options</source>
        <translation>&amp;Tùy chọn máy quét</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Verify signed PDFs…</source>
        <translation>&amp;Kiểm tra tệp PDF đã ký…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Si&amp;gning desk…</source>
        <translation>Bàn &amp;ký số…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign the export as a certified &amp;copy</source>
        <translation>Ký tệp đã xuất thành &amp;bản sao</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Upload the dossier</source>
        <translation>Tải hồ sơ &amp;lên</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Up&amp;loads…</source>
        <translation>Hàng đợ&amp;i tải lên…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keyboard and help</source>
        <translation>&amp;Phím tắt và trợ giúp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Dossier</source>
        <translation>&amp;Hồ sơ</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Scan</source>
        <translation>&amp;Quét</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Profile</source>
        <translation>&amp;Hồ sơ quét</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Page</source>
        <translation>&amp;Trang</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Archive</source>
        <translation>&amp;Lưu trữ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>&amp;Trợ giúp</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scan</source>
        <translation>Quét</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rescan</source>
        <translation>Quét lại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Xuất</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Left</source>
        <translation>Trái</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Right</source>
        <translation>Phải</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload</source>
        <translation>Tải lên</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Counter desk</source>
        <translation>Quầy một cửa</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Profile:</source>
        <translation>Hồ sơ quét:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan profile (Ctrl+1…9)</source>
        <translation>Hồ sơ quét (Ctrl+1…9)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scanner:</source>
        <translation>Máy quét:</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+244"/>
        <source>Looking for scanners…</source>
        <translation>Đang tìm máy quét…</translation>
    </message>
    <message>
        <location line="-216"/>
        <source>Archive room</source>
        <translation>Phòng lưu trữ</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Uploads</source>
        <translation>Hàng đợi tải lên</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Show the upload queue (Ctrl+Shift+U)</source>
        <translation>Xem hàng đợi tải lên (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Uploads: %1</source>
        <translation>Tải lên: %1</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>The dossier store at %1 cannot be opened: %2</source>
        <translation>Không mở được kho hồ sơ tại %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings…</source>
        <translation>Cài đặt…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Scanning</source>
        <translation>Đang quét</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>SoHoa — %1</source>
        <translation>SoHoa — kho %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>SoHoa did not close normally last time. The store was checked:</source>
        <translation>Lần trước SoHoa không đóng bình thường. Kho hồ sơ đã được kiểm tra:</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n page(s) saved just before it stopped were recovered into: %1.</source>
        <translation>
            <numerusform>%n trang được lưu ngay trước khi dừng đã được khôi phục vào: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n unfinished page file(s) that were never shown were removed.</source>
        <translation>
            <numerusform>%n tệp trang chưa hoàn tất (chưa từng được hiển thị) đã được xóa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n page file(s) are missing or changed: rescan them in place (Ctrl+F5).</source>
        <translation>
            <numerusform>%n tệp trang bị thiếu hoặc bị thay đổi: hãy quét lại tại chỗ (Ctrl+F5).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>every page that was shown is in place.</source>
        <translation>mọi trang đã hiển thị đều còn nguyên.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show %1</source>
        <translation>Xem %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No scanner found</source>
        <translation>Không tìm thấy máy quét</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No scanner was found. Connect and switch on the scanner, then press Redetect.</source>
        <translation>Không tìm thấy máy quét nào. Hãy kết nối và bật máy quét, rồi bấm Dò lại.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/gui/MainWindowActions.cpp" line="-666"/>
        <source>Redetect</source>
        <translation>Dò lại</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>(no profile %1)</source>
        <translation>(chưa có hồ sơ quét %1)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Profile: %1</source>
        <translation>Hồ sơ quét: %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&amp;Undo %1</source>
        <translation>&amp;Hoàn tác: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo %1</source>
        <translation>&amp;Làm lại: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/MainWindowActions.cpp" line="-35"/>
        <source>Dossier %1 created with %n component(s). Press F5 to scan.</source>
        <translation>
            <numerusform>Đã tạo hồ sơ %1 với %n thành phần. Bấm F5 để quét.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Choose a dossier in the list, or make a new one with Ctrl+N, then press F5.</source>
        <translation>Hãy chọn một hồ sơ trong danh sách, hoặc tạo hồ sơ mới bằng Ctrl+N, rồi bấm F5.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+355"/>
        <source>No scanner is chosen. Connect and switch on the scanner, then press Redetect.</source>
        <translation>Chưa chọn máy quét. Hãy kết nối và bật máy quét, rồi bấm Dò lại.</translation>
    </message>
    <message numerus="yes">
        <location line="-326"/>
        <source>%n page(s) were saved and stay saved.</source>
        <translation>
            <numerusform>Đã lưu %n trang và các trang này vẫn được giữ.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Scan stopped; %n page(s) saved.</source>
        <translation>
            <numerusform>Đã dừng quét; đã lưu %n trang.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Scan done: %n page(s) saved.</source>
        <translation>
            <numerusform>Quét xong: đã lưu %n trang.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 now has %n page(s). Count the paper: does it match?</source>
        <translation>
            <numerusform>%1 hiện có %n trang. Hãy đếm bản giấy: có khớp không?</numerusform>
        </translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Matches (Ctrl+Enter)</source>
        <translation>Khớp (Ctrl+Enter)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n page(s) look blank.</source>
        <translation>
            <numerusform>%n trang có vẻ là trang trắng.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+161"/>
        <source>Review (Ctrl+K)</source>
        <translation>Xem lại (Ctrl+K)</translation>
    </message>
    <message numerus="yes">
        <location line="-139"/>
        <source>%1: %n page(s) confirmed against the paper.</source>
        <translation>
            <numerusform>%1: đã xác nhận %n trang khớp với bản giấy.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Export stopped; nothing was written.</source>
        <translation>Đã dừng xuất; không ghi tệp nào.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Exported %n page(s) to %1</source>
        <translation>
            <numerusform>Đã xuất %n trang ra %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+31"/>
        <location line="+342"/>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <location line="-371"/>
        <location line="+31"/>
        <location line="+224"/>
        <source>Show in folder</source>
        <translation>Mở thư mục chứa</translation>
    </message>
    <message>
        <location line="-246"/>
        <source>Exporting %1 as PDF/A</source>
        <translation>Đang xuất %1 dạng PDF/A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting %1 as PDF/A with OCR (%2)</source>
        <translation>Đang xuất %1 dạng PDF/A có nhận dạng chữ (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting %1</source>
        <translation>Đang xuất %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Archival PDF/A: %1 — metadata: %2</source>
        <translation>PDF/A lưu trữ: %1 — siêu dữ liệu: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>(%n page(s) with OCR text, mean confidence %1 %)</source>
        <translation>
            <numerusform>(%n trang có chữ nhận dạng, độ tin cậy trung bình %1 %)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n cleaned page(s) used.</source>
        <translation>
            <numerusform>Đã dùng %n trang đã làm sạch.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Archival PDF/A written: %1 and %2</source>
        <translation>Đã ghi PDF/A lưu trữ: %1 và %2</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>Cleanup stopped; %n page(s) cleaned up so far.</source>
        <translation>
            <numerusform>Đã dừng làm sạch; đến giờ đã làm sạch %n trang.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n page(s) cleaned up.</source>
        <translation>
            <numerusform>Đã làm sạch %n trang.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n page(s) look blank: look at each one before anything is removed.</source>
        <translation>
            <numerusform>%n trang có vẻ là trang trắng: hãy xem từng trang trước khi bỏ.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n page(s) cleaned up; no blank page found.</source>
        <translation>
            <numerusform>Đã làm sạch %n trang; không thấy trang trắng nào.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cleaning up %1 (%2)</source>
        <translation>Đang làm sạch %1 (%2)</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Archival metadata of %1 saved.</source>
        <translation>Đã lưu siêu dữ liệu lưu trữ của %1.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>This profile has no separator sheets: choose a dossier first, or pick a profile with separation (Ctrl+1…9).</source>
        <translation>Hồ sơ quét này không dùng tờ phân cách: hãy chọn hồ sơ trước, hoặc chọn hồ sơ quét có tách hồ sơ (Ctrl+1…9).</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>%n cover sheet file(s) written to %1</source>
        <translation>
            <numerusform>Đã ghi %n tệp tờ bìa vào %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Export the dossier first (Ctrl+E): the certified copy is signed from its export.</source>
        <translation>Hãy xuất hồ sơ trước (Ctrl+E): bản sao được ký từ tệp đã xuất.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose the signing key once on the signing desk; Ctrl+S then signs at once.</source>
        <translation>Hãy chọn khóa ký một lần ở bàn ký số; sau đó Ctrl+S ký ngay.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill it in on the signing desk&apos;s certified copy profile.</source>
        <translation>Hãy điền ở mẫu “Bản sao” của bàn ký số.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Queued for upload to %1.</source>
        <translation>Đã xếp vào hàng đợi để gửi tới %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Certified copy signed: %1 — %2</source>
        <translation>Đã ký bản sao: %1 — %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verify</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signing %1 as a certified copy</source>
        <translation>Đang ký bản sao hồ sơ %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose a dossier in the list first, then press Ctrl+U.</source>
        <translation>Hãy chọn một hồ sơ trong danh sách trước, rồi nhấn Ctrl+U.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Every signed file of %1 was already delivered to %2.</source>
        <translation>Mọi tệp đã ký của hồ sơ %1 đều đã được gửi tới %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) of %1 queued for upload to %2.</source>
        <translation>
            <numerusform>Đã xếp %n tệp của hồ sơ %1 vào hàng đợi để gửi tới %2.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No upload target is set up for this store yet. Add one once in a terminal, for example: sohoa-cli target add mot-cua --webdav https://… --user NAME --secret-keyring --store %1 — then press Ctrl+U again.</source>
        <translation>Kho này chưa có nơi nhận tải lên nào. Hãy thêm một lần trong cửa sổ dòng lệnh, ví dụ: sohoa-cli target add mot-cua --webdav https://… --user TÊN --secret-keyring --store %1 — rồi nhấn lại Ctrl+U.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Where should dossiers be uploaded? Choose the target once: it is remembered, and the Uploads panel (Ctrl+Shift+U) can change it.</source>
        <translation>Hồ sơ sẽ được tải lên đâu? Hãy chọn nơi nhận một lần: lựa chọn được ghi nhớ và có thể đổi trong bảng Hàng đợi tải lên (Ctrl+Shift+U).</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Keyboard and help</source>
        <translation>Phím tắt và trợ giúp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Choose scan profile</source>
        <translation>Chọn hồ sơ quét</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every page is on disk the moment its thumbnail shows. Deleted pages stay in the store and can be put back from &quot;Deleted&quot; above the pages.</source>
        <translation>Mỗi trang đã nằm trên đĩa ngay khi ảnh thu nhỏ của nó hiện ra. Trang đã xóa vẫn còn trong kho và có thể khôi phục từ mục &quot;Đã xóa&quot; phía trên các trang.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Scanner options</source>
        <translation>Tùy chọn máy quét</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::NewDossierDialog</name>
    <message>
        <location filename="../../app/gui/NewDossierDialog.cpp" line="+20"/>
        <source>Allow a code of another form</source>
        <translation>Cho phép mã dạng khác</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New dossier</source>
        <translation>Hồ sơ mới</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Provincial form H15.50.05.13-261008-0975 or national form G01.005.01-261130-010001 (agency, receipt date YYMMDD, daily sequence)</source>
        <translation>Dạng của tỉnh H15.50.05.13-261008-0975 hoặc dạng quốc gia G01.005.01-261130-010001 (mã cơ quan, ngày tiếp nhận YYMMDD, số thứ tự trong ngày)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Code:</source>
        <translation>&amp;Mã hồ sơ:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Procedure:</source>
        <translation>&amp;Thủ tục:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One component per line; none: one component &quot;Tài liệu&quot;</source>
        <translation>Mỗi dòng một thành phần; để trống: một thành phần &quot;Tài liệu&quot;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Co&amp;mponents:</source>
        <translation>Thành &amp;phần:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Applicant:</source>
        <translation>&amp;Người nộp:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Create</source>
        <translation>Tạo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>✓ Provincial form, received %1</source>
        <translation>✓ Dạng của tỉnh, tiếp nhận ngày %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✓ National form, received %1</source>
        <translation>✓ Dạng quốc gia, tiếp nhận ngày %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Another form (allowed)</source>
        <translation>Dạng khác (được phép)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a dossier code of the provincial or national form</source>
        <translation>Không phải mã hồ sơ dạng của tỉnh hay dạng quốc gia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the dossier code</source>
        <translation>Hãy nhập mã hồ sơ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This cannot be a dossier code</source>
        <translation>Đây không thể là mã hồ sơ</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::PageDelegate</name>
    <message numerus="yes">
        <location filename="../../app/gui/PageDelegate.cpp" line="+63"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>✓ %n page(s), matches the paper</source>
        <translation>
            <numerusform>✓ %n trang, khớp với bản giấy</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — changed since %2 were confirmed</source>
        <translation>%1 — đã thay đổi kể từ khi xác nhận %2 trang</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Page file missing or damaged:
rescan it (Ctrl+F5)</source>
        <translation>Tệp trang bị thiếu hoặc hỏng:
hãy quét lại (Ctrl+F5)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(blank, kept)</source>
        <translation>(trắng, đã giữ)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Blank?</source>
        <translation>Trắng?</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::PagesPane</name>
    <message>
        <location filename="../../app/gui/PagesPane.cpp" line="+40"/>
        <source>Deleted pages stay in the store and can be put back</source>
        <translation>Trang đã xóa vẫn còn trong kho và có thể khôi phục</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Look at each page flagged blank: keep it or remove it (Ctrl+K)</source>
        <translation>Xem từng trang bị đánh dấu trắng: giữ hoặc bỏ (Ctrl+K)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Pages of the dossier</source>
        <translation>Các trang của hồ sơ</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>No dossier chosen</source>
        <translation>Chưa chọn hồ sơ</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%1 — %n page(s)</source>
        <translation>
            <numerusform>%1 — %n trang</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deleted (%1)</source>
        <translation>Đã xóa (%1)</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n blank page(s) to review</source>
        <translation>
            <numerusform>%n trang trắng cần xem lại</numerusform>
        </translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Cleaned up: %1</source>
        <translation>Đã làm sạch: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Looks blank (ink %1 %): review it with Ctrl+K</source>
        <translation>Có vẻ là trang trắng (mực %1 %): xem lại bằng Ctrl+K</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Looks blank, kept after review</source>
        <translation>Có vẻ là trang trắng, đã giữ sau khi xem lại</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Restore page %1 of %2 (deleted %3)</source>
        <translation>Khôi phục trang %1 của %2 (xóa lúc %3)</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Rotate right</source>
        <translation>Xoay phải</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rotate left</source>
        <translation>Xoay trái</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Delete %n page(s)</source>
        <translation>
            <numerusform>Xóa %n trang</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>Move %n page(s)</source>
        <translation>
            <numerusform>Chuyển %n trang</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sohoa::gui::PinDialog</name>
    <message>
        <location filename="../../app/gui/PinDialog.cpp" line="+43"/>
        <source>Token PIN</source>
        <translation>Mã PIN của token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the PIN of the token “%1” on the reader&apos;s own keypad, then press Continue. It is asked once for the whole batch.</source>
        <translation>Hãy nhập mã PIN của thiết bị ký “%1” trên bàn phím của đầu đọc, rồi bấm Tiếp tục. Mã PIN chỉ được hỏi một lần cho cả lô.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PIN of the token “%1”. It is asked once for the whole batch and never stored.</source>
        <translation>Mã PIN của thiết bị ký “%1”. Mã PIN chỉ được hỏi một lần cho cả lô và không bao giờ được lưu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key file password</source>
        <translation>Mật khẩu tệp khóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password of the key file %1. It is asked once for the whole batch and never stored.</source>
        <translation>Mật khẩu của tệp khóa %1. Mật khẩu chỉ được hỏi một lần cho cả lô và không bao giờ được lưu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PDF password</source>
        <translation>Mật khẩu PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That password does not open %1. Try again, or skip this file.</source>
        <translation>Mật khẩu đó không mở được %1. Hãy thử lại, hoặc bỏ qua tệp này.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is protected by a password. Type it to sign this file, or skip it.</source>
        <translation>%1 được bảo vệ bằng mật khẩu. Hãy nhập mật khẩu để ký tệp này, hoặc bỏ qua.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Last try: one more wrong PIN locks the token. If unsure, stop and ask the token&apos;s holder.</source>
        <translation>Lần thử cuối: nhập sai PIN thêm một lần nữa thì thiết bị ký sẽ bị khóa. Nếu không chắc, hãy dừng lại và hỏi người giữ thiết bị.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A wrong PIN was entered since the last good one: the token has few tries left.</source>
        <translation>Đã có lần nhập sai PIN kể từ lần đúng gần nhất: thiết bị ký còn ít lượt thử.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sign this file</source>
        <translation>Ký tệp này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip this file</source>
        <translation>Bỏ qua tệp này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::PreviewPane</name>
    <message>
        <location filename="../../app/gui/PreviewPane.cpp" line="+31"/>
        <source>Previous page of the PDF (Page Up)</source>
        <translation>Trang trước của PDF (Page Up)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next page of the PDF (Page Down)</source>
        <translation>Trang sau của PDF (Page Down)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the page as scanned, before cleanup (O)</source>
        <translation>Xem trang như khi quét, trước khi làm sạch (O)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Zoom out (Ctrl+wheel)</source>
        <translation>Thu nhỏ (Ctrl+con lăn)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in (Ctrl+wheel)</source>
        <translation>Phóng to (Ctrl+con lăn)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit page</source>
        <translation>Vừa trang</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show original</source>
        <translation>Xem bản gốc</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Choose a page to see it here.</source>
        <translation>Chọn một trang để xem tại đây.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>This page file cannot be read: %1</source>
        <translation>Không đọc được tệp trang này: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Rendering page %1…</source>
        <translation>Đang hiển thị trang %1…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>PDF page %1 of %2</source>
        <translation>Trang PDF %1/%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF page %1</source>
        <translation>Trang PDF %1</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::ScanController</name>
    <message>
        <location filename="../../app/gui/ScanController.cpp" line="+77"/>
        <source>Sheet %1: %2</source>
        <translation>Tờ %1: %2</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::SettingsDialog</name>
    <message>
        <location filename="../../app/gui/SettingsDialog.cpp" line="+56"/>
        <source>Browse…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;General</source>
        <translation>&amp;Chung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan &amp;profiles</source>
        <translation>&amp;Hồ sơ quét</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;rocedures</source>
        <translation>&amp;Thủ tục</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Dossier store:</source>
        <translation>Kho hồ sơ:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export folder:</source>
        <translation>Thư mục xuất:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The agency&apos;s e-ID at the start of every dossier code; new codes are suggested as prefix-YYMMDD-sequence</source>
        <translation>Mã định danh điện tử của cơ quan ở đầu mỗi mã hồ sơ; mã mới được gợi ý theo dạng tiền tố-YYMMDD-số thứ tự</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Agency prefix:</source>
        <translation>Tiền tố &amp;cơ quan:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>empty: provincial form</source>
        <translation>để trống: dạng của tỉnh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;ystem id (national form):</source>
        <translation>Mã &amp;hệ thống (dạng quốc gia):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As the system (Vietnamese on a Vietnamese locale)</source>
        <translation>Theo hệ thống (tiếng Việt khi máy dùng ngôn ngữ tiếng Việt)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Language:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Page file &amp;names:</source>
        <translation>&amp;Tên tệp trang:</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+196"/>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <location line="-195"/>
        <location line="+196"/>
        <source>Remove</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <location line="-188"/>
        <source>&amp;Name:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>As the scanner</source>
        <translation>Theo máy quét</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Flatbed</source>
        <translation>Mặt kính</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document feeder</source>
        <translation>Khay nạp giấy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeder, both sides</source>
        <translation>Khay nạp giấy, hai mặt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Source:</source>
        <translation>&amp;Nguồn giấy:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gray</source>
        <translation>Xám</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Black and white</source>
        <translation>Đen trắng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mode:</source>
        <translation>&amp;Chế độ:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Resolution:</source>
        <translation>&amp;Độ phân giải:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Page si&amp;ze:</source>
        <translation>&amp;Khổ giấy:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic (JPEG for colour and gray, PNG for black and white)</source>
        <translation>Tự động (JPEG cho ảnh màu và xám, PNG cho ảnh đen trắng)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Format:</source>
        <translation>Định &amp;dạng:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>JPEG &amp;quality:</source>
        <translation>Chất &amp;lượng JPEG:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>Không</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR cover sheets</source>
        <translation>Tờ bìa có mã QR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch-T sheets</source>
        <translation>Tờ Patch-T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every page a document</source>
        <translation>Mỗi trang một văn bản</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>qr, patch-t or every:N</source>
        <translation>qr, patch-t hoặc every:N</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Se&amp;paration:</source>
        <translation>&amp;Tách hồ sơ:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The scanner&apos;s own options, as sohoa-cli --option</source>
        <translation>Các tùy chọn riêng của máy quét, như sohoa-cli --option</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Device options:</source>
        <translation>Tùy chọn &amp;thiết bị:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Straighten (deskew)</source>
        <translation>Chỉnh thẳng (deskew)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turn upright (orientation)</source>
        <translation>Xoay đúng chiều (orientation)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crop to the paper</source>
        <translation>Cắt theo khổ giấy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag blank pages for review</source>
        <translation>Đánh dấu trang trắng để xem lại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Black and white (bilevel): text-only pages; never on colour seals</source>
        <translation>Đen trắng (bilevel): chỉ cho trang có chữ; không bao giờ dùng với con dấu màu</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ink below </source>
        <translation>mực dưới </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A page with less ink than this (in percent of the page, specks and the margin aside) is flagged blank. 0.02 % finds every blank page of the test corpus and no written one; one handwritten word is about 0.06 %.</source>
        <translation>Trang có ít mực hơn mức này (tính theo phần trăm trang, không kể chấm bụi và lề) được đánh dấu là trang trắng. 0.02 % tìm ra mọi trang trắng của bộ dữ liệu thử và không nhầm trang nào có chữ; một chữ viết tay khoảng 0.06 %.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Makes pages black and white: seals, photos and colour handwriting lose their colour. Use only for typed text pages.</source>
        <translation>Chuyển trang sang đen trắng: con dấu, ảnh và chữ viết tay màu sẽ mất màu. Chỉ dùng cho trang chữ đánh máy.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;leanup:</source>
        <translation>&amp;Làm sạch:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archival PDF/A (Ctrl+E exports PDF/A with metadata)</source>
        <translation>PDF/A lưu trữ (Ctrl+E xuất PDF/A kèm siêu dữ liệu)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ar&amp;chival:</source>
        <translation>L&amp;ưu trữ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vietnamese</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>Tiếng Anh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vietnamese and English</source>
        <translation>Tiếng Việt và tiếng Anh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None (no text layer)</source>
        <translation>Không (không có lớp chữ)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The text layer of archival PDF/A exports (OCR takes a few seconds a page)</source>
        <translation>Lớp chữ của bản xuất PDF/A lưu trữ (nhận dạng chữ mất vài giây mỗi trang)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;OCR language:</source>
        <translation>Ngôn ngữ &amp;nhận dạng chữ:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New profile</source>
        <translation>Hồ sơ quét mới</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>&amp;Procedure:</source>
        <translation>&amp;Thủ tục:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One component per line, in the order they are checked</source>
        <translation>Mỗi dòng một thành phần, theo thứ tự kiểm tra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Components:</source>
        <translation>Thành &amp;phần:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New procedure</source>
        <translation>Thủ tục mới</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::SigningDesk</name>
    <message>
        <location filename="../../app/gui/SigningDesk.cpp" line="+51"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Signing desk</source>
        <translation>Bàn ký số</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add files…</source>
        <translation>&amp;Thêm tệp…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add f&amp;older…</source>
        <translation>Thêm &amp;thư mục…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the dossier&apos;s e&amp;xport</source>
        <translation>Thêm tệp &amp;xuất của hồ sơ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Remove</source>
        <translation>&amp;Bỏ khỏi danh sách</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+439"/>
        <source>Signed</source>
        <translation>Đã ký</translation>
    </message>
    <message>
        <location line="-439"/>
        <source>Encrypted</source>
        <translation>Mã hóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Output</source>
        <translation>Tệp kết quả</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verdict</source>
        <translation>Kết quả kiểm tra</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>A&amp;ppearance</source>
        <translation>&amp;Hình thức chữ ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Op&amp;tions</source>
        <translation>Tù&amp;y chọn</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Sign all</source>
        <translation>&amp;Ký tất cả</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign every listed file (Ctrl+Enter)</source>
        <translation>Ký mọi tệp trong danh sách (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;ncel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open output &amp;folder</source>
        <translation>Mở thư mục &amp;kết quả</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drop PDFs or folders here, or add them.</source>
        <translation>Hãy kéo thả tệp PDF hoặc thư mục vào đây, hoặc thêm chúng.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Browse…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Stamp a QR lookup code before signing</source>
        <translation>Đóng mã QR tra cứu trước khi ký</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Placeholders: {dossier_code} {doc_number} {url} {sha256} {date}</source>
        <translation>Biến thay thế: {dossier_code} {doc_number} {url} {sha256} {date}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>none (the signing time is the computer&apos;s)</source>
        <translation>không có (thời điểm ký lấy theo đồng hồ máy tính)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Long-term validation (certificates and revocation data in the file)</source>
        <translation>Kiểm tra dài hạn (chứng thư và dữ liệu thu hồi được lưu trong tệp)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No (an approval signature)</source>
        <translation>Không (chữ ký phê duyệt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certify: no changes allowed</source>
        <translation>Chứng nhận: không cho phép thay đổi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certify: form filling and signing allowed</source>
        <translation>Chứng nhận: cho phép điền biểu mẫu và ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certify: also annotations allowed</source>
        <translation>Chứng nhận: cho phép cả ghi chú</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“Đã ký” beside the first file</source>
        <translation>“Đã ký” cạnh tệp đầu tiên</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Output folder</source>
        <translation>Thư mục kết quả</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>QR text:</source>
        <translation>Nội dung QR:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR corner:</source>
        <translation>Góc đặt QR:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR size:</source>
        <translation>Cỡ QR:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timestamp server:</source>
        <translation>Máy chủ dấu thời gian:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hash:</source>
        <translation>Hàm băm:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certification:</source>
        <translation>Chứng nhận:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output folder:</source>
        <translation>Thư mục kết quả:</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>%n file(s) to sign.</source>
        <translation>
            <numerusform>%n tệp cần ký.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Cannot be read</source>
        <translation>Không đọc được</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n signature(s)</source>
        <translation>
            <numerusform>%n chữ ký</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>password needed</source>
        <translation>cần mật khẩu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Certified by an earlier signature: more signing may not be allowed.</source>
        <translation>Đã được chứng nhận bởi một chữ ký trước: có thể không được ký thêm.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>PDFs to sign</source>
        <translation>Tệp PDF cần ký</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A folder of PDFs to sign</source>
        <translation>Thư mục chứa tệp PDF cần ký</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No dossier was exported in this session: export it first (Ctrl+E).</source>
        <translation>Chưa xuất hồ sơ nào trong phiên làm việc này: hãy xuất trước (Ctrl+E).</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Choose a token and its certificate, or a key file, first.</source>
        <translation>Hãy chọn thiết bị ký và chứng thư số, hoặc một tệp khóa, trước.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose the key file (.p12) first.</source>
        <translation>Hãy chọn tệp khóa (.p12) trước.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>waiting</source>
        <translation>đang chờ</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Signing…</source>
        <translation>Đang ký…</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+34"/>
        <source>Not signed</source>
        <translation>Chưa ký</translation>
    </message>
    <message numerus="yes">
        <location line="-30"/>
        <source>%1 of %2 file(s) signed.</source>
        <translation>
            <numerusform>Đã ký %1 trên %2 tệp.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancelled: the files not reached are not signed.</source>
        <translation>Đã hủy: các tệp chưa tới lượt không được ký.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Opening the key…</source>
        <translation>Đang mở khóa ký…</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::SigningKeyPanel</name>
    <message>
        <location filename="../../app/gui/SigningKeyPanel.cpp" line="+36"/>
        <source>Key</source>
        <translation>Khóa ký</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>USB &amp;token</source>
        <translation>&amp;Thiết bị ký USB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key &amp;file (.p12)</source>
        <translation>Tệp &amp;khóa (.p12)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Look again</source>
        <translation>Tìm lại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look for tokens again (after plugging one in)</source>
        <translation>Tìm lại thiết bị ký (sau khi cắm vào)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add driver…</source>
        <translation>Thêm trình điều khiển…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the PKCS#11 library of a token the system does not list</source>
        <translation>Thêm thư viện PKCS#11 của thiết bị ký mà hệ thống chưa liệt kê</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Certificate:</source>
        <translation>Chứng thư số:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>PKCS#11 library of the token</source>
        <translation>Thư viện PKCS#11 của thiết bị ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Libraries (*.so *.so.*)</source>
        <translation>Thư viện (*.so *.so.*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Key file</source>
        <translation>Tệp khóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PKCS#12 key files (*.p12 *.pfx)</source>
        <translation>Tệp khóa PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>No token found (plug it in, then “Look again”)</source>
        <translation>Không thấy thiết bị ký (hãy cắm vào, rồi bấm “Tìm lại”)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 — until %2</source>
        <translation>%1 — đến %2</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The token&apos;s PIN is locked: it cannot sign until it is unlocked with its PUK (ask the certificate provider).</source>
        <translation>Mã PIN của thiết bị ký đã bị khóa: không thể ký cho đến khi được mở bằng mã PUK (hãy liên hệ nhà cung cấp chứng thư số).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The token allows one more PIN try: a wrong PIN now locks it.</source>
        <translation>Thiết bị ký chỉ còn một lượt thử PIN: nhập sai lần này sẽ khóa thiết bị.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token reports a wrong PIN since the last good one: few tries are left.</source>
        <translation>Thiết bị ký báo đã có lần nhập sai PIN kể từ lần đúng gần nhất: còn ít lượt thử.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key file&apos;s certificate is shown once its password opened it.</source>
        <translation>Chứng thư của tệp khóa sẽ hiện khi mật khẩu đã mở được tệp.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No certificate chosen.</source>
        <translation>Chưa chọn chứng thư số.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>any</source>
        <translation>mọi mục đích</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>digital signature</source>
        <translation>ký số</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>non-repudiation</source>
        <translation>chống chối bỏ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Holder: %1
Issuer: %2
Valid: %3 – %4
Key usage: %5</source>
        <translation>Chủ thể: %1
Tổ chức cấp: %2
Hiệu lực: %3 – %4
Mục đích khóa: %5</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The certificate expired on %1: signatures made with it are not valid.</source>
        <translation>Chứng thư số đã hết hạn ngày %1: chữ ký tạo bằng nó không hợp lệ.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The certificate expires in %n day(s): ask the provider to renew it.</source>
        <translation>
            <numerusform>Chứng thư số sẽ hết hạn sau %n ngày: hãy đề nghị nhà cung cấp gia hạn.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate is not for signing (its key usage allows neither digital signature nor non-repudiation).</source>
        <translation>Chứng thư số không dùng để ký (mục đích khóa không cho phép ký số hay chống chối bỏ).</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::UploadController</name>
    <message>
        <location filename="../../app/gui/UploadController.cpp" line="+61"/>
        <source>Another window of SoHoa is sending its upload queue; this one leaves it to it.</source>
        <translation>Một cửa sổ SoHoa khác đang gửi hàng đợi tải lên; cửa sổ này để cửa sổ kia gửi tiếp.</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::UploadJobsModel</name>
    <message>
        <location filename="../../app/gui/UploadJobsModel.cpp" line="+137"/>
        <source>Waiting to retry</source>
        <translation>Chờ gửi lại</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Waiting to send</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sending</source>
        <translation>Đang gửi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivered</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed — needs attention</source>
        <translation>Lỗi — cần xử lý</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paused</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Sending %1%</source>
        <translation>Đang gửi %1%</translation>
    </message>
    <message>
        <location line="-57"/>
        <location filename="../../app/gui/UploadPanel.cpp" line="+207"/>
        <source>now</source>
        <translation>ngay bây giờ</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target</source>
        <translation>Nơi nhận</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remote name</source>
        <translation>Tên trên máy chủ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempts</source>
        <translation>Lần thử</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next try</source>
        <translation>Thử lại lúc</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problem and what to do</source>
        <translation>Sự cố và cách xử lý</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivered at</source>
        <translation>Gửi xong lúc</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::UploadPanel</name>
    <message>
        <location filename="../../app/gui/UploadPanel.cpp" line="-125"/>
        <source>Upload each certified copy after signing</source>
        <translation>Tải lên từng bản sao ngay sau khi ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send now</source>
        <translation>Gửi ngay</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send what is waiting, and try again at once what waits for a retry</source>
        <translation>Gửi các tệp đang chờ, và thử lại ngay các tệp đang chờ gửi lại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause all</source>
        <translation>Tạm dừng tất cả</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop sending: the file being sent stops now and nothing half-sent stays on the server</source>
        <translation>Ngừng gửi: tệp đang gửi dừng ngay, không để lại phần gửi dở nào trên máy chủ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume all</source>
        <translation>Tiếp tục tất cả</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the paused files</source>
        <translation>Gửi các tệp đang tạm dừng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>Gửi lại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the selected files again (after fixing what their problem says)</source>
        <translation>Gửi lại các tệp đã chọn (sau khi đã khắc phục sự cố được nêu)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hold the selected files back</source>
        <translation>Tạm giữ lại, chưa gửi các tệp đã chọn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send the selected paused files</source>
        <translation>Gửi các tệp đã chọn đang tạm dừng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel upload</source>
        <translation>Hủy tải lên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do not send the selected files (the files themselves stay where they are)</source>
        <translation>Không gửi các tệp đã chọn (bản thân các tệp vẫn được giữ nguyên tại chỗ)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Where Upload the dossier (Ctrl+U) and the upload after signing send files. Targets are set up with: sohoa-cli target add</source>
        <translation>Nơi nhận tệp khi tải hồ sơ lên (Ctrl+U) và khi tải lên sau khi ký. Nơi nhận được thiết lập bằng lệnh: sohoa-cli target add</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>When a certified copy is signed at the counter (Ctrl+S), put it in the queue for the target at once</source>
        <translation>Khi ký bản sao tại quầy (Ctrl+S), đưa ngay bản sao vào hàng đợi để gửi tới nơi nhận</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Send to:</source>
        <translation>Gửi tới:</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>none yet — add one with sohoa-cli target add</source>
        <translation>chưa có — thêm bằng sohoa-cli target add</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(choose)</source>
        <translation>(chọn)</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>No store is open.</source>
        <translation>Chưa mở kho hồ sơ nào.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 delivered</source>
        <translation>%1 đã gửi</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>%1 sending</source>
        <translation>%1 đang gửi</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+10"/>
        <source>%1 waiting</source>
        <translation>%1 đang chờ</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+10"/>
        <source>%1 paused</source>
        <translation>%1 tạm dừng</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+11"/>
        <source>%1 failed — needs attention</source>
        <translation>%1 lỗi — cần xử lý</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>%1 failed</source>
        <translation>%1 lỗi</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Select a row to see where its file goes and what to do about a problem.</source>
        <translation>Chọn một dòng để xem tệp được gửi tới đâu và cách xử lý khi có sự cố.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing to upload yet. Upload the dossier with Ctrl+U, or sign a certified copy with Ctrl+S.</source>
        <translation>Chưa có gì để tải lên. Tải hồ sơ lên bằng Ctrl+U, hoặc ký bản sao bằng Ctrl+S.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 → %2 (%3): %4</source>
        <translation>%1 → %2 (nơi nhận %3): %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delivered at %1 to %2</source>
        <translation>Đã gửi lúc %1 tới %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next try: %1 (or press Send now).</source>
        <translation>Lần thử tiếp theo: %1 (hoặc nhấn Gửi ngay).</translation>
    </message>
</context>
<context>
    <name>sohoa::gui::VerifyWindow</name>
    <message>
        <location filename="../../app/gui/VerifyWindow.cpp" line="+64"/>
        <source>Verify signed PDFs</source>
        <translation>Kiểm tra tệp PDF đã ký</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Open PDFs…</source>
        <translation>&amp;Mở tệp PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the &amp;signed revision</source>
        <translation>Xem &amp;phiên bản được ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the document exactly as this signature signed it</source>
        <translation>Xem tài liệu đúng như khi chữ ký này ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Certificate details</source>
        <translation>Chi tiết &amp;chứng thư số</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;top</source>
        <translation>&amp;Dừng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop signed PDFs or folders here, or open them.</source>
        <translation>Thả tệp PDF đã ký hoặc thư mục vào đây, hoặc mở chúng.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Trusted roots…</source>
        <translation>Chứng thư số &amp;gốc tin cậy…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the root certificates (PEM or DER files) of the authorities you trust</source>
        <translation>Thêm chứng thư số gốc (tệp PEM hoặc DER) của các tổ chức bạn tin cậy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget roots</source>
        <translation>Bỏ các chứng thư số gốc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also trust the system&apos;s roots</source>
        <translation>Tin cậy cả chứng thư số gốc của hệ thống</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline (only revocation data inside the files)</source>
        <translation>Ngoại tuyến (chỉ dùng dữ liệu thu hồi có trong tệp)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signatures</source>
        <translation>Chữ ký</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Signature</source>
        <translation>Chữ ký</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Valid</source>
        <translation>Hợp lệ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intact, not trusted</source>
        <translation>Nguyên vẹn, chưa được tin cậy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed after signing</source>
        <translation>Đã bị thay đổi sau khi ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invalid</source>
        <translation>Không hợp lệ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate revoked</source>
        <translation>Chứng thư số đã bị thu hồi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate expired</source>
        <translation>Chứng thư số hết hiệu lực</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot be decided</source>
        <translation>Chưa xác định được</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not signed</source>
        <translation>Chưa ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot be read</source>
        <translation>Không đọc được</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Verifying: %1 of %2 files</source>
        <translation>Đang kiểm tra: %1 trên %2 tệp</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n file(s) verified.</source>
        <translation>
            <numerusform>Đã kiểm tra %n tệp.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The file holds no signature; it proves nothing.</source>
        <translation>Tệp không có chữ ký số nào; tệp không chứng minh được điều gì.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Document timestamp %1</source>
        <translation>Dấu thời gian tài liệu %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signature %1</source>
        <translation>Chữ ký %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Signer</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued by</source>
        <translation>Tổ chức cấp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing time</source>
        <translation>Thời điểm ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>proven by a trusted timestamp</source>
        <translation>được chứng minh bằng dấu thời gian tin cậy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>claimed by the signer&apos;s computer</source>
        <translation>do máy tính của người ký tự khai</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timestamp</source>
        <translation>Dấu thời gian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not trusted</source>
        <translation>chưa được tin cậy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revocation</source>
        <translation>Tình trạng thu hồi</translation>
    </message>
    <message>
        <location line="-222"/>
        <source>not checked</source>
        <translation>chưa kiểm tra</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>not revoked</source>
        <translation>chưa bị thu hồi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revoked on %1</source>
        <translation>bị thu hồi ngày %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>could not be determined</source>
        <translation>không xác định được</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the certificate names no revocation service</source>
        <translation>chứng thư số không nêu dịch vụ thu hồi nào</translation>
    </message>
    <message>
        <location line="+224"/>
        <source>Covers</source>
        <translation>Phạm vi ký</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the whole file</source>
        <translation>toàn bộ tệp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revision %1 of %2: the file was changed afterwards</source>
        <translation>phiên bản %1 trên %2: tệp đã được thay đổi sau đó</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Certification</source>
        <translation>Chứng nhận</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>level %1</source>
        <translation>mức %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes after signing</source>
        <translation>Thay đổi sau khi ký</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>allowed</source>
        <translation>được phép</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not allowed</source>
        <translation>không được phép</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Showing what signature %1 signed (revision %2 of %3).</source>
        <translation>Đang hiển thị nội dung chữ ký %1 đã ký (phiên bản %2 trên %3).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Signer: %1</source>
        <translation>Người ký: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Serial number: %1</source>
        <translation>Số hiệu: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from %1 until %2</source>
        <translation>Có hiệu lực từ %1 đến %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificate chain:</source>
        <translation>Chuỗi chứng thư số:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Certificate details</source>
        <translation>Chi tiết chứng thư số</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Trusted root certificates</source>
        <translation>Chứng thư số gốc tin cậy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Chứng thư số (*.pem *.crt *.cer *.der);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No trusted roots: intact signatures show as &quot;not trusted&quot;.</source>
        <translation>Chưa có chứng thư số gốc tin cậy: chữ ký nguyên vẹn sẽ hiện là &quot;chưa được tin cậy&quot;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted roots: %1</source>
        <translation>Chứng thư số gốc tin cậy: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open signed PDFs</source>
        <translation>Mở tệp PDF đã ký</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf *.PDF)</source>
        <translation>Tệp PDF (*.pdf *.PDF)</translation>
    </message>
</context>
<context>
    <name>sohoa::ocr</name>
    <message>
        <location filename="../../core/ocr/TextRecognizer.cpp" line="+146"/>
        <source>No OCR language was given (for example vie, eng or vie+eng).</source>
        <translation>Chưa chỉ định ngôn ngữ nhận dạng chữ (ví dụ vie, eng hoặc vie+eng).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The OCR data for the language %1 is missing (%2). Install the package %3: sudo apt install %3</source>
        <translation>Thiếu dữ liệu nhận dạng chữ của ngôn ngữ %1 (%2). Hãy cài đặt gói %3: sudo apt install %3</translation>
    </message>
</context>
<context>
    <name>sohoa::scanner</name>
    <message>
        <location filename="../../scanner/ScannerDevice.cpp" line="+328"/>
        <source>The resolution %1 dpi is outside what %2 offers: %3 to %4 dpi.</source>
        <translation>Độ phân giải %1 dpi nằm ngoài khoảng mà %2 hỗ trợ: từ %3 đến %4 dpi.</translation>
    </message>
</context>
<context>
    <name>sohoa::signing</name>
    <message>
        <location filename="../../signing/SignatureAppearance.cpp" line="+293"/>
        <source>The copy form must be SAO Y, SAO LỤC or TRÍCH SAO, not &quot;%1&quot;.</source>
        <translation>Hình thức sao phải là SAO Y, SAO LỤC hoặc TRÍCH SAO, không phải &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>sohoa::signing::TrustStore</name>
    <message>
        <location filename="../../signing/TrustStore.cpp" line="+113"/>
        <source>%1 holds no certificate.</source>
        <translation>%1 không chứa chứng thư số nào.</translation>
    </message>
</context>
<context>
    <name>sohoa::signing::VerifyReason</name>
    <message>
        <location filename="../../signing/VerifyReasons.cpp" line="+25"/>
        <source>The signature has no usable /Contents (missing, null, empty or not a string), so it signs nothing (Universal Signature Forgery).</source>
        <translation>Chữ ký không có /Contents dùng được (thiếu, null, rỗng hoặc không phải chuỗi) nên không ký điều gì (tấn công giả mạo chữ ký phổ quát - Universal Signature Forgery).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signature has no usable /ByteRange (missing, null or not an array of four whole numbers), so it is not known what it signs (Universal Signature Forgery).</source>
        <translation>Chữ ký không có /ByteRange dùng được (thiếu, null hoặc không phải mảng bốn số nguyên) nên không biết chữ ký ký điều gì (tấn công giả mạo chữ ký phổ quát - Universal Signature Forgery).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The /ByteRange %1 is not two ranges [0 a b c] that start at the beginning of the file, do not overlap and stay inside it (Signature Wrapping).</source>
        <translation>/ByteRange %1 không phải là hai đoạn [0 a b c] bắt đầu từ đầu tệp, không chồng lấn và nằm trong tệp (tấn công bọc chữ ký - Signature Wrapping).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The unsigned gap the /ByteRange leaves is not exactly this signature&apos;s /Contents hexadecimal string (Signature Wrapping).</source>
        <translation>Khoảng trống không được ký mà /ByteRange chừa ra không đúng là chuỗi thập lục phân /Contents của chữ ký này (tấn công bọc chữ ký - Signature Wrapping).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signed bytes do not end where a revision of the file ends (startxref and %%EOF), so the signature covers part of a revision (Signature Wrapping).</source>
        <translation>Phần dữ liệu được ký không kết thúc tại chỗ kết thúc một phiên bản của tệp (startxref và %%EOF) nên chữ ký chỉ phủ một phần phiên bản (tấn công bọc chữ ký - Signature Wrapping).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A cross-reference entry (object %1) points into the unsigned /Contents gap of the signature.</source>
        <translation>Một mục tham chiếu chéo (đối tượng %1) trỏ vào khoảng trống /Contents không được ký của chữ ký.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signature dictionary is not an uncompressed object of the signed revision that holds the unsigned gap.</source>
        <translation>Từ điển chữ ký không phải là đối tượng không nén của phiên bản được ký chứa khoảng trống không được ký.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signature dictionary was replaced or changed after signing.</source>
        <translation>Từ điển chữ ký đã bị thay thế hoặc sửa đổi sau khi ký.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signature format (/SubFilter %1) is not one SoHoa accepts (adbe.pkcs7.detached, ETSI.CAdES.detached, ETSI.RFC3161).</source>
        <translation>Định dạng chữ ký (/SubFilter %1) không thuộc các định dạng SoHoa chấp nhận (adbe.pkcs7.detached, ETSI.CAdES.detached, ETSI.RFC3161).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file&apos;s cross-reference data is damaged (%1). A signed file is never repaired before checking, so this signature cannot be relied on.</source>
        <translation>Dữ liệu tham chiếu chéo của tệp bị hỏng (%1). Tệp đã ký không bao giờ được sửa trước khi kiểm tra nên không thể tin cậy chữ ký này.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signed revision cannot be read strictly: %1.</source>
        <translation>Không đọc được phiên bản được ký theo cách chặt chẽ: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signature value is not a CMS signature with the signer&apos;s certificate: %1.</source>
        <translation>Giá trị chữ ký không phải là chữ ký CMS kèm chứng thư số của người ký: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signature holds %1 signers instead of exactly one.</source>
        <translation>Chữ ký chứa %1 người ký thay vì đúng một người.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The signed bytes do not match the digest in the signature: they were altered after signing.</source>
        <translation>Dữ liệu được ký không khớp với giá trị băm trong chữ ký: dữ liệu đã bị thay đổi sau khi ký.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The cryptographic signature does not verify with the signer&apos;s public key.</source>
        <translation>Chữ ký mật mã không được xác minh bằng khóa công khai của người ký.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signing-certificate attribute does not name the certificate that signed.</source>
        <translation>Thuộc tính signing-certificate không chỉ đúng chứng thư số đã ký.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The PAdES signature lacks the signing-certificate-v2 attribute that binds it to its certificate.</source>
        <translation>Chữ ký PAdES thiếu thuộc tính signing-certificate-v2 gắn chữ ký với chứng thư số của nó.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signature uses the digest algorithm %1, which is no longer accepted (SHA-256 or stronger is required).</source>
        <translation>Chữ ký dùng thuật toán băm %1, không còn được chấp nhận (yêu cầu SHA-256 hoặc mạnh hơn).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signer&apos;s RSA key has %1 bits; at least %2 are required.</source>
        <translation>Khóa RSA của người ký dài %1 bit; yêu cầu tối thiểu %2 bit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The document timestamp does not stamp the bytes it covers: %1.</source>
        <translation>Dấu thời gian tài liệu không đóng dấu cho phần dữ liệu mà nó phủ: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signature&apos;s timestamp does not verify (%1); the signing time is only claimed.</source>
        <translation>Dấu thời gian của chữ ký không được xác minh (%1); thời điểm ký chỉ là thời điểm tự khai.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The document was changed after this signature in a way it does not allow; what is shown now is not what was signed (see the modifications).</source>
        <translation>Tài liệu đã bị thay đổi sau chữ ký này theo cách chữ ký không cho phép; nội dung hiển thị hiện nay không phải nội dung đã được ký (xem các thay đổi).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The document is certified at level %1 and a later change is not permitted by it.</source>
        <translation>Tài liệu được chứng nhận ở mức %1 và mức này không cho phép một thay đổi sau đó.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This signature is in an earlier revision of the file but was removed from the form since.</source>
        <translation>Chữ ký này có trong một phiên bản trước của tệp nhưng sau đó đã bị gỡ khỏi biểu mẫu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signer&apos;s certificate does not chain to a trusted root (%1). Give the issuing authority&apos;s root certificate with --trust to check it.</source>
        <translation>Chứng thư số của người ký không dẫn về một chứng thư số gốc tin cậy (%1). Hãy cung cấp chứng thư số gốc của tổ chức cấp bằng --trust để kiểm tra.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signer&apos;s certificate is not allowed to make digital signatures (key usage).</source>
        <translation>Chứng thư số của người ký không được phép dùng để ký số (mục đích sử dụng khóa).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate of %1 was not valid at the signing time %2 (valid from %3 until %4).</source>
        <translation>Chứng thư số của %1 không có hiệu lực tại thời điểm ký %2 (có hiệu lực từ %3 đến %4).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signing time %1 is what the signer&apos;s computer claimed; no trusted timestamp proves it.</source>
        <translation>Thời điểm ký %1 là thời điểm do máy tính của người ký tự khai; không có dấu thời gian tin cậy nào chứng minh.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The timestamp authority&apos;s certificate does not chain to a trusted root (%1), so the timestamp time is not relied on.</source>
        <translation>Chứng thư số của đơn vị cấp dấu thời gian không dẫn về một chứng thư số gốc tin cậy (%1) nên không dựa vào thời điểm của dấu thời gian.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The certificate of %1 was revoked on %2 (%3), before the signing time.</source>
        <translation>Chứng thư số của %1 đã bị thu hồi vào %2 (%3), trước thời điểm ký.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate of %1 was revoked on %2, after the time the timestamp proves; the signature stays valid.</source>
        <translation>Chứng thư số của %1 bị thu hồi vào %2, sau thời điểm mà dấu thời gian chứng minh; chữ ký vẫn hợp lệ.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The revocation status of the certificate of %1 could not be determined: %2.</source>
        <translation>Không xác định được tình trạng thu hồi của chứng thư số của %1: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate of %1 names no revocation service (no OCSP, no CRL); it was not checked for revocation.</source>
        <translation>Chứng thư số của %1 không nêu dịch vụ thu hồi nào (không có OCSP, không có CRL); chưa được kiểm tra tình trạng thu hồi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A signature was added in the field %1.</source>
        <translation>Một chữ ký đã được thêm vào trường %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A document timestamp was added in the field %1.</source>
        <translation>Một dấu thời gian tài liệu đã được thêm vào trường %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An empty, invisible signature field %1 was added.</source>
        <translation>Một trường chữ ký trống, không hiển thị %1 đã được thêm.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An unsigned signature field %1 with a visible appearance was added (Sneaky Signature).</source>
        <translation>Một trường chữ ký chưa ký %1 có hình thức hiển thị đã được thêm (tấn công chữ ký lén - Sneaky Signature).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Validation data (certificates, OCSP, CRL) were added.</source>
        <translation>Dữ liệu xác thực (chứng thư số, OCSP, CRL) đã được thêm.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The form field %1 was filled in.</source>
        <translation>Trường biểu mẫu %1 đã được điền.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An annotation (%1) was added on page %2.</source>
        <translation>Một chú thích (%1) đã được thêm vào trang %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An annotation on page %1 was changed.</source>
        <translation>Một chú thích trên trang %1 đã bị thay đổi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An annotation was removed from page %1.</source>
        <translation>Một chú thích đã bị gỡ khỏi trang %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The document information (/Info) was updated.</source>
        <translation>Thông tin tài liệu (/Info) đã được cập nhật.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The XMP metadata was updated.</source>
        <translation>Siêu dữ liệu XMP đã được cập nhật.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page %1 was changed after signing (%2).</source>
        <translation>Trang %1 đã bị thay đổi sau khi ký (%2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pages were changed: the document had %1 pages when signed and has %2 now.</source>
        <translation>Các trang đã bị thay đổi: tài liệu có %1 trang khi ký và hiện có %2 trang.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Object %1 (%2) was changed after signing.</source>
        <translation>Đối tượng %1 (%2) đã bị thay đổi sau khi ký.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Object %1 (%2) was deleted after signing.</source>
        <translation>Đối tượng %1 (%2) đã bị xóa sau khi ký.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Object %1, which the signed revision refers to but did not contain, was defined after signing.</source>
        <translation>Đối tượng %1, được phiên bản đã ký tham chiếu nhưng không có trong đó, đã được định nghĩa sau khi ký.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Object number %1 is defined again with another generation number, which readers resolve differently.</source>
        <translation>Đối tượng số %1 được định nghĩa lại với số thế hệ khác, các chương trình đọc sẽ hiểu khác nhau.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The document catalog&apos;s entry %1 was changed.</source>
        <translation>Mục %1 của danh mục tài liệu đã bị thay đổi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The document catalog was replaced by another object.</source>
        <translation>Danh mục tài liệu đã bị thay bằng một đối tượng khác.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The form&apos;s entry %1 was changed.</source>
        <translation>Mục %1 của biểu mẫu đã bị thay đổi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A form field %1 that is not a signature was added.</source>
        <translation>Một trường biểu mẫu %1 không phải trường chữ ký đã được thêm.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The form field %1 was removed.</source>
        <translation>Trường biểu mẫu %1 đã bị gỡ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The already signed field %1 was changed.</source>
        <translation>Trường đã ký %1 đã bị thay đổi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file trailer&apos;s entry %1 was changed.</source>
        <translation>Mục %1 của phần cuối tệp (trailer) đã bị thay đổi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 bytes that belong to no revision follow the end of the file&apos;s last revision.</source>
        <translation>Có %1 byte không thuộc phiên bản nào nằm sau phần cuối phiên bản cuối cùng của tệp.</translation>
    </message>
</context>
<context>
    <name>sohoa::store</name>
    <message>
        <location filename="../../core/dossier/DossierStore.cpp" line="+367"/>
        <source>The file name template %1 has the unknown placeholder %2. Use {dossier}, {component}, {seq} or {seq:4}, {ext}, {date}, {time}, {device}, {barcode}.</source>
        <translation>Mẫu tên tệp %1 có trường không được hỗ trợ %2. Hãy dùng {dossier}, {component}, {seq} hoặc {seq:4}, {ext}, {date}, {time}, {device}, {barcode}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file name template %1 has a brace that does not belong to a placeholder such as {seq}.</source>
        <translation>Mẫu tên tệp %1 có dấu ngoặc nhọn không thuộc trường nào (như {seq}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file name template %1 has no {seq}: without the page&apos;s number every page of a component would want the same name.</source>
        <translation>Mẫu tên tệp %1 không có {seq}: thiếu số thứ tự trang thì mọi trang của một thành phần sẽ trùng tên.</translation>
    </message>
</context>
<context>
    <name>sohoa::upload</name>
    <message>
        <location filename="../../upload/Delivery.cpp" line="+220"/>
        <source>The client certificate %1 cannot be opened: its password is wrong or it is not a PKCS#12 (.p12/.pfx) file with a key.</source>
        <translation>Không mở được chứng thư số máy khách %1: mật khẩu sai, hoặc đó không phải tệp PKCS#12 (.p12/.pfx) có chứa khóa.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The server %1 showed a key other than the one pinned for this target: nothing was sent. If the server&apos;s certificate was renewed on purpose, set the new pin (target add --pin); otherwise tell the administrator.</source>
        <translation>Máy chủ %1 đưa ra một khóa khác với khóa đã ghim cho nơi nhận này: chưa gửi gì. Nếu chứng thư số của máy chủ được gia hạn có chủ ý, hãy đặt lại khóa ghim mới (target add --pin); nếu không, hãy báo cho người quản trị.</translation>
    </message>
    <message>
        <location filename="../../upload/Keyring.cpp" line="+33"/>
        <source>The keyring holds no secret for the upload target %1: add the target again with --secret-keyring to keep its password there.</source>
        <translation>Kho khóa không có mật khẩu nào cho nơi nhận tải lên %1: hãy thêm lại nơi nhận với --secret-keyring để lưu mật khẩu vào đó.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The desktop keyring cannot be used (%1): unlock it, or give the upload target %2 its secret through --secret-env or a --secret-file only its owner can read.</source>
        <translation>Không dùng được kho khóa của máy (%1): hãy mở khóa nó, hoặc cung cấp mật khẩu cho nơi nhận tải lên %2 qua --secret-env hoặc một --secret-file chỉ chủ sở hữu đọc được.</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows</name>
    <message>
        <location filename="../../app/workflows/SignBatchJob.cpp" line="+62"/>
        <source>Several inputs are signed into a folder, and %1 is a file. Give an existing folder as the output, or sign one file at a time.</source>
        <translation>Khi ký nhiều tệp, đầu ra phải là một thư mục, nhưng %1 là một tệp. Hãy chỉ định một thư mục đã có, hoặc ký từng tệp một.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Several inputs are signed into a folder, and the folder %1 does not exist. Create it, or ask for it to be created (sohoa-cli: --mkdir).</source>
        <translation>Khi ký nhiều tệp, đầu ra là một thư mục, nhưng thư mục %1 chưa tồn tại. Hãy tạo thư mục đó, hoặc yêu cầu chương trình tạo (sohoa-cli: --mkdir).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The output would replace the input %1.</source>
        <translation>Tệp đầu ra sẽ ghi đè lên tệp đầu vào %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Two inputs would be signed into the same output %1: give each input once, and inputs of the same name in separate batches.</source>
        <translation>Hai tệp đầu vào sẽ được ký ra cùng một tệp %1: mỗi tệp chỉ chỉ định một lần, các tệp trùng tên hãy ký ở các lô khác nhau.</translation>
    </message>
    <message>
        <location filename="../../app/workflows/UploadQueueJob.cpp" line="+135"/>
        <source>The dossier %1 has no signed file to deliver yet: sign its export first (Ctrl+S at the counter), or name the files to upload.</source>
        <translation>Hồ sơ %1 chưa có tệp đã ký để gửi: hãy ký tệp xuất trước (Ctrl+S tại quầy), hoặc nêu các tệp cần tải lên.</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Another program is already sending this store&apos;s upload queue; this one leaves it to it.</source>
        <translation>Một chương trình khác đang gửi hàng đợi tải lên của kho này; chương trình này để nó làm tiếp.</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::AppearanceProfile</name>
    <message>
        <location filename="../../app/workflows/AppearanceProfile.cpp" line="+35"/>
        <source>A copy block needs the name of the copying organization.</source>
        <translation>Khối bản sao cần tên cơ quan, tổ chức thực hiện sao.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An attachment block needs the number of the main document.</source>
        <translation>Khối phụ lục cần số của văn bản chính.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A signer block needs the image of the handwritten signature.</source>
        <translation>Khối người ký cần ảnh chữ ký tay.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An organization block needs the signature image and the seal image.</source>
        <translation>Khối cơ quan cần ảnh chữ ký và ảnh con dấu.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Certified copy</source>
        <translation>Bản sao</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Attachment</source>
        <translation>Phụ lục</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signer</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Organization (signature and seal)</source>
        <translation>Cơ quan (chữ ký và con dấu)</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::ArchivalRecord</name>
    <message>
        <location filename="../../app/workflows/ArchivalRecord.cpp" line="+52"/>
        <source>File code (agency ID.year.notation)</source>
        <translation>Mã hồ sơ (mã cơ quan.năm.số hồ sơ)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agency identifier</source>
        <translation>Mã định danh cơ quan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year the file was opened</source>
        <translation>Năm hình thành hồ sơ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File notation</source>
        <translation>Số và ký hiệu hồ sơ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File title</source>
        <translation>Tiêu đề hồ sơ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retention period</source>
        <translation>Thời hạn bảo quản</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access rights</source>
        <translation>Chế độ sử dụng</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compiled by</source>
        <translation>Người lập hồ sơ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start date</source>
        <translation>Thời gian bắt đầu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End date</source>
        <translation>Thời gian kết thúc</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of documents</source>
        <translation>Tổng số văn bản</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+14"/>
        <source>Number of pages</source>
        <translation>Số lượng trang</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+16"/>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Document number</source>
        <translation>Số của văn bản</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Document notation</source>
        <translation>Ký hiệu văn bản</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued on</source>
        <translation>Ngày, tháng, năm văn bản</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issuing agency</source>
        <translation>Cơ quan, tổ chức ban hành văn bản</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject</source>
        <translation>Trích yếu nội dung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed by</source>
        <translation>Người ký</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::CleanupJob</name>
    <message>
        <location filename="../../app/workflows/CleanupJob.cpp" line="+118"/>
        <source>Cleaning up pages</source>
        <translation>Đang làm sạch trang</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::DossierSetup</name>
    <message>
        <location filename="../../app/workflows/DossierSetup.cpp" line="+53"/>
        <source>A component needs a name (letters or digits), not &quot;%1&quot;.</source>
        <translation>Thành phần cần có tên (chữ hoặc số), không phải &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A dossier with the code %1 exists already: open it from the list, or give the new dossier another code.</source>
        <translation>Đã có hồ sơ mang mã %1: hãy mở hồ sơ đó từ danh sách, hoặc đặt mã khác cho hồ sơ mới.</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::ExportJob</name>
    <message>
        <location filename="../../app/workflows/ExportJob.cpp" line="+256"/>
        <source>Writing the PDF</source>
        <translation>Đang ghi tệp PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recognizing the text of the pages</source>
        <translation>Đang nhận dạng chữ của các trang</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::FindTokensJob</name>
    <message>
        <location filename="../../app/workflows/FindTokensJob.cpp" line="+78"/>
        <source>Looking for signing tokens</source>
        <translation>Đang tìm thiết bị ký</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::InspectPdfsJob</name>
    <message>
        <location filename="../../app/workflows/InspectPdfsJob.cpp" line="+25"/>
        <source>Reading the files</source>
        <translation>Đang đọc các tệp</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::LtvJob</name>
    <message>
        <location filename="../../app/workflows/LtvJob.cpp" line="+52"/>
        <source>%1 holds no signature, so there is nothing to keep verifiable.</source>
        <translation>%1 không có chữ ký nào nên không có gì cần duy trì khả năng kiểm tra.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Signature %1 of %2 is not intact (%3); validation data is only added to intact signatures. Run sohoa-cli verify on the file to see why.</source>
        <translation>Chữ ký %1 của %2 không còn nguyên vẹn (%3); dữ liệu xác thực chỉ được thêm cho chữ ký nguyên vẹn. Hãy chạy sohoa-cli verify với tệp để xem lý do.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The issuer of the certificate of %1 is not known, so its revocation cannot be checked. Give the issuing authority&apos;s certificates with --trust.</source>
        <translation>Không biết tổ chức cấp chứng thư số của %1 nên không kiểm tra được tình trạng thu hồi. Hãy cung cấp các chứng thư số của tổ chức cấp bằng --trust.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The certificate of %1 names no OCSP or CRL service, so no revocation data can be added for it: the file cannot be made verifiable long-term.</source>
        <translation>Chứng thư số của %1 không nêu dịch vụ OCSP hoặc CRL nào nên không thể thêm dữ liệu thu hồi cho nó: không thể làm cho tệp kiểm tra được lâu dài.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Adding validation data</source>
        <translation>Đang thêm dữ liệu xác thực</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::PdfPreviewJob</name>
    <message>
        <location filename="../../app/workflows/PdfPreviewJob.cpp" line="+250"/>
        <source>Drawing the page</source>
        <translation>Đang hiển thị trang</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::ScanBatchJob</name>
    <message>
        <location filename="../../app/workflows/ScanBatchJob.cpp" line="+491"/>
        <source>Sheet %1 is not a cover sheet, and no dossier was chosen: put the dossier&apos;s cover sheet first (or choose the dossier) and scan from that sheet again.</source>
        <translation>Tờ %1 không phải tờ bìa và chưa chọn hồ sơ nào: hãy đặt tờ bìa của hồ sơ lên đầu (hoặc chọn hồ sơ) rồi quét lại từ tờ đó.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Scanning</source>
        <translation>Đang quét</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::ScanProfile</name>
    <message>
        <location filename="../../app/workflows/ScanProfile.cpp" line="+78"/>
        <source>A scan profile needs a name.</source>
        <translation>Hồ sơ quét cần có tên.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The source must be flatbed, adf or duplex, not %1.</source>
        <translation>Nguồn giấy phải là flatbed, adf hoặc duplex, không phải %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The mode must be color, gray or lineart, not %1.</source>
        <translation>Chế độ phải là color, gray hoặc lineart, không phải %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The resolution must be from 50 to 2400 dpi, not %1.</source>
        <translation>Độ phân giải phải từ 50 đến 2400 dpi, không phải %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The page size must be A4, A5, Letter or WxHmm, not %1.</source>
        <translation>Khổ giấy phải là A4, A5, Letter hoặc RxCmm, không phải %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The format must be auto, jpeg or png, not %1.</source>
        <translation>Định dạng phải là auto, jpeg hoặc png, không phải %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The JPEG quality must be from 1 to 100, not %1.</source>
        <translation>Chất lượng JPEG phải từ 1 đến 100, không phải %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A device option needs NAME=VALUE, not %1.</source>
        <translation>Tùy chọn thiết bị cần có dạng TÊN=GIÁ_TRỊ, không phải %1.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Counter desk: colour 300 dpi</source>
        <translation>Quầy một cửa: màu 300 dpi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archive: QR cover sheets</source>
        <translation>Lưu trữ: tờ bìa mã QR</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Archive: patch-T, gray 300 dpi</source>
        <translation>Lưu trữ: patch-T, xám 300 dpi</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::SignBatchJob</name>
    <message>
        <location filename="../../app/workflows/SignBatchJob.cpp" line="+149"/>
        <source>Signing</source>
        <translation>Đang ký</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::StampQrJob</name>
    <message>
        <location filename="../../app/workflows/StampQrJob.cpp" line="+20"/>
        <source>Stamping the QR code</source>
        <translation>Đang đóng mã QR</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::StoreRebuildJob</name>
    <message>
        <location filename="../../app/workflows/StoreRebuildJob.cpp" line="+19"/>
        <source>Reading the store&apos;s page files</source>
        <translation>Đang đọc các tệp trang của kho</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::UploadQueueJob</name>
    <message>
        <location filename="../../app/workflows/UploadQueueJob.cpp" line="+10"/>
        <source>Uploading</source>
        <translation>Đang tải lên</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::VerifyDossierJob</name>
    <message>
        <location filename="../../app/workflows/VerifyDossierJob.cpp" line="+27"/>
        <source>Checking the page files</source>
        <translation>Đang kiểm tra các tệp trang</translation>
    </message>
</context>
<context>
    <name>sohoa::workflows::VerifyPdfJob</name>
    <message>
        <location filename="../../app/workflows/VerifyPdfJob.cpp" line="+74"/>
        <source>Verifying signatures</source>
        <translation>Đang kiểm tra chữ ký số</translation>
    </message>
</context>
</TS>
