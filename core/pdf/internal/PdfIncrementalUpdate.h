#pragma once

// Private to the libraries that write incremental updates (signing/PdfSignatureWriter, core/PdfQrStamper):
// qpdf types appear here. Never include this from a public header.
//
// An incremental update (ISO 32000-1 §7.5.6) appends changed and new objects, a cross-reference
// section in the style of the file's last one (table or stream) and a trailer whose /Prev points to
// the previous section; the original bytes stay byte-identical, so earlier signatures stay valid.

// qpdf 11: std::shared_ptr instead of PointerHolder, no deprecation warnings.
#ifndef POINTERHOLDER_TRANSITION
#define POINTERHOLDER_TRANSITION 4
#endif

#include "core/common/DurableFile.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QList>
#include <QString>

#include <qpdf/InputSource.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjGen.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <functional>
#include <map>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace sohoa::pdf {

QByteArray fromStd(const std::string &s);
// A PDF real with at most 5 decimals and no trailing zeros ("0" for tiny values).
QByteArray pdfNumber(double v);
// A date string's text (ISO 32000-1 §7.9.4), "D:20261121140509+07'00'"; an invalid time is now.
QByteArray pdfDate(QDateTime t);

struct Tail
{
    // Bytes before "%PDF-" (leading junk: a mail header, a scanner's preamble). Readers (qpdf, Poppler)
    // count every offset IN the file from the header (ISO 32000-1 §7.5.2 puts it at byte 0; both
    // tolerate junk by offsetting), so the update's xref entries and startxref are header-relative.
    // A signature's /ByteRange is not: Poppler reads it from byte 0 of the file, and ranges from
    // byte 0 sign the junk too.
    qint64 headerOffset = 0;
    qint64 startXref = -1; // as written: relative to the header
    bool xrefStream = false;
    bool endsWithEol = false;
    qint64 endOffset = 0; // the last bytes as read here
    QByteArray end;
};

// The header's offset, the last startxref and the kind of section it points to: the update continues
// that style. PdfDamaged when the first "%PDF-" of the first 1024 bytes is not one that qpdf and
// Poppler both take for the header (they would count offsets from different places).
Result<Tail> readTail(QFile &file, qint64 size, const QString &path);

// Builds the update bytes and remembers each object's offset in it.
struct UpdateBuilder
{
    QByteArray bytes;
    std::map<int, std::pair<qint64, int>> offsets; // object number -> (offset in update, generation)

    void beginObject(QPDFObjGen og)
    {
        offsets[og.getObj()] = {bytes.size(), og.getGen()};
        bytes += QByteArray::number(og.getObj()) + ' ' + QByteArray::number(og.getGen()) + " obj\n";
    }
};

// Runs of consecutive object numbers: one xref subsection each.
QList<std::pair<int, int>> runsOf(const std::map<int, std::pair<qint64, int>> &offsets);

// Encrypts the update's strings and streams like the input's (ISO 32000-1 §7.6): an input that opens
// without a password (owner-password "protection" only) can still be updated. A signature's
// /Contents and the cross-reference stream stay in clear, as the standard requires.
struct Crypt
{
    bool on = false;
    int V = 0, R = 0;
    std::string key;
    QPDF::encryption_method_e streamMethod = QPDF::e_none, stringMethod = QPDF::e_none;

    QByteArray encrypt(const QByteArray &plain, QPDFObjGen og, QPDF::encryption_method_e method) const;
    // Replaces every direct string inside o (not behind references) by its encrypted bytes.
    void encryptStrings(QPDFObjectHandle o, QPDFObjGen og) const;
};

// Opens the input with qpdf through positioned reads on fd (qpdf's own file reader seeks before
// nearly every read); password (may be null or empty) opens an encrypted file, user or owner
// password. PdfEncrypted when a password is needed or wrong, PdfDamaged when qpdf cannot parse it.
Result<void> openInput(QPDF &qpdf, int fd, qint64 size, const QString &path, const char *password);

// The update's encryption, like the opened input's. `allowed` is the permission the change needs
// (QPDF::allowModifyForm for a signature, QPDF::allowModifyOther for page content); an owner password
// the user gave (passwordGiven) grants everything. PdfEncrypted "…: <refusal>" when the change is not
// allowed; PdfDamaged when qpdf had to repair the cross-reference data while opening.
Result<Crypt> cryptFor(QPDF &qpdf, const QString &path, bool passwordGiven, bool (QPDF::*allowed)(),
                       const QString &refusal);

// What identifies a file's content without reading it: the same inode with the same size, mtime
// and ctime. Every write changes mtime and ctime, and ctime cannot be set back by a user (setting
// mtime back updates ctime), so an unchanged identity means an unchanged file.
struct FileIdentity
{
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = -1;
    struct timespec mtime = {}, ctime = {};

    static FileIdentity of(const struct stat &st);
    bool operator==(const FileIdentity &o) const;
};

Result<void> writeAllAt(int fd, const char *data, qint64 size, qint64 offset, const QString &path);
// Reads exactly size bytes at offset (fewer only at the end of the file: an error).
Result<void> readAllAt(int fd, char *data, qint64 size, qint64 offset, const QString &path);

// qpdf's input from a descriptor we opened (the very inode we check), through positioned reads
// and a block cache: qpdf's own file source seeks the FILE before nearly every read, which made
// the system calls the largest cost of stamping a 500-page file.
class PreadInputSource : public InputSource
{
public:
    PreadInputSource(int fd, qint64 size, std::string name);

    qpdf_offset_t findAndSkipNextEOL() override;
    std::string const &getName() const override { return m_name; }
    qpdf_offset_t tell() override { return m_pos; }
    void seek(qpdf_offset_t offset, int whence) override;
    void rewind() override { m_pos = 0; }
    size_t read(char *buffer, size_t length) override;
    void unreadCh(char ch) override;

private:
    static constexpr qint64 kBlock = 64 * 1024;
    int m_fd;
    qint64 m_size;
    std::string m_name;
    qint64 m_pos = 0;
    QByteArray m_block;
    qint64 m_blockStart = -1;
};

// The input of an update that is copied whole before the update (the QR stamp, the DSS): opened once,
// our descriptor stays open to the end of the copy so that the copy reads the inode qpdf parsed,
// and the file's identity taken at open() must hold until then.
class UpdateInput
{
public:
    UpdateInput() = default;
    ~UpdateInput();
    UpdateInput(const UpdateInput &) = delete;
    UpdateInput &operator=(const UpdateInput &) = delete;

    // Opens a regular file and reads its tail (readTail()).
    Result<void> open(const QString &path);
    // FileReadFailed "<path>: the input changed <while>" when the file (by descriptor or by path) is
    // no longer the one opened.
    Result<void> checkUnchanged(const QString &whileDoing) const;
    // The input's bytes, an EOL when it does not end with one, then `update`: what the output holds.
    // The last bytes read must be the ones readTail() parsed. cancelled (may be empty) is asked
    // between chunks: Cancelled.
    Result<void> copyWithUpdate(AtomicFileWriter &writer, const QByteArray &update,
                                const std::function<bool()> &cancelled = {}) const;

    int fd() const { return m_fd; }
    qint64 size() const { return m_size; }
    const Tail &tail() const { return m_tail; }
    // Where the update starts in the output: after the input and the EOL it may need.
    qint64 updateBase() const { return m_size + (m_tail.endsWithEol ? 0 : 1); }

private:
    QString m_path;
    int m_fd = -1;
    qint64 m_size = 0;
    FileIdentity m_identity;
    Tail m_tail;
};

using ObjectMap = std::map<QPDFObjGen, QPDFObjectHandle>;

// Every new object reachable from roots: indirect objects numbered above lastOldObject (qpdf numbers
// objects made or copied in after the input's own).
ObjectMap collectCreated(std::vector<QPDFObjectHandle> roots, int lastOldObject);

// Writes one object's body (after "n g obj\n", through "endobj\n") itself; returns false to let the
// default serialization do it. The signer writes its signature dictionary this way, to know where
// /ByteRange and /Contents are.
using ObjectWriterHook = std::function<bool(const QPDFObjectHandle &object, UpdateBuilder &builder)>;

struct UpdateSection
{
    const ObjectMap *changed = nullptr; // input objects rewritten (dictionaries and arrays only)
    const ObjectMap *created = nullptr; // new objects
    QPDFObjectHandle trailer;           // the input's trailer: every key but the section's own is copied
    Tail tail;                          // the input's last cross-reference section
    qint64 base = 0;                    // the update's offset from the file's byte 0 (input size + added EOL)
    qint64 oldSize = 0;                 // the input trailer's /Size
    const Crypt *crypt = nullptr;
    QString path; // for messages
    ObjectWriterHook hook;
};

// The update's bytes: objects in number order, the cross-reference section in the input's last style
// (contiguous subsections), the trailer (/Prev, no stale /XRefStm), startxref and %%EOF. Offsets written
// are counted from the input's header (section.base - tail.headerOffset for the update's first byte).
// PdfUnsupported when a changed object is a stream.
Result<QByteArray> serializeUpdate(const UpdateSection &section);

} // namespace sohoa::pdf
