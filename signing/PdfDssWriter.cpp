#include "signing/PdfDssWriter.h"

#include "core/pdf/internal/PdfIncrementalUpdate.h" // first: defines POINTERHOLDER_TRANSITION before any qpdf header

#include "core/common/DurableFile.h"
#include "signing/PadesExtension_p.h"
#include "signing/SigningLogging.h"

#include <QCryptographicHash>
#include <QFileInfo>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDFExc.hh>

#include <algorithm>
#include <set>

namespace sohoa::signing {

namespace {

// One of the DSS's lists (/Certs, /OCSPs, /CRLs): the streams already there with their decoded
// bytes, and those this update adds. Equal bytes are one stream.
class StreamList
{
public:
    StreamList(QPDF &qpdf, QPDFObjectHandle existing) : m_qpdf(qpdf)
    {
        if (!existing.isArray())
            return;
        for (int i = 0; i < existing.getArrayNItems(); ++i) {
            QPDFObjectHandle item = existing.getArrayItem(i);
            m_items.push_back(item);
            // A stream qpdf cannot decode is kept; only a copy of the same bytes is refused.
            if (item.isStream()) {
                try {
                    const std::shared_ptr<Buffer> data = item.getStreamData(qpdf_dl_generalized);
                    m_known.append(
                        {QByteArray(reinterpret_cast<const char *>(data->getBuffer()), qsizetype(data->getSize())),
                         item});
                } catch (const std::exception &e) {
                    qCDebug(lcSigning) << "DSS: an existing stream that cannot be decoded is kept as it is:"
                                       << e.what();
                }
            }
        }
    }

    // The stream holding der: the one already there, or a new one.
    QPDFObjectHandle streamFor(const QByteArray &der)
    {
        for (const auto &[bytes, stream] : std::as_const(m_known))
            if (bytes == der)
                return stream;
        QPDFObjectHandle stream = m_qpdf.newStream(der.toStdString());
        m_items.push_back(stream);
        m_added.push_back(stream);
        m_known.append({der, stream});
        return stream;
    }

    QPDFObjectHandle array() const { return QPDFObjectHandle::newArray(m_items); }
    bool empty() const { return m_items.empty(); }
    const std::vector<QPDFObjectHandle> &added() const { return m_added; }

private:
    QPDF &m_qpdf;
    std::vector<QPDFObjectHandle> m_items;
    std::vector<QPDFObjectHandle> m_added;
    QList<std::pair<QByteArray, QPDFObjectHandle>> m_known;
};

// refs added to the array `key` of dict, without repeating one already there.
bool mergeReferences(QPDFObjectHandle dict, const char *key, const std::vector<QPDFObjectHandle> &refs)
{
    QPDFObjectHandle old = dict.getKey(key);
    std::vector<QPDFObjectHandle> items = old.isArray() ? old.getArrayAsVector() : std::vector<QPDFObjectHandle>();
    std::set<QPDFObjGen> present;
    for (QPDFObjectHandle o : items)
        if (o.isIndirect())
            present.insert(o.getObjGen());
    bool changed = false;
    for (QPDFObjectHandle r : refs) {
        if (present.insert(r.getObjGen()).second) {
            items.push_back(r);
            changed = true;
        }
    }
    if (changed)
        dict.replaceKey(key, QPDFObjectHandle::newArray(items));
    return changed;
}

Result<void> checkIndexes(const DssData &data)
{
    if (data.certificates.isEmpty() && data.ocspResponses.isEmpty() && data.crls.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no validation data to add"));
    auto inRange = [](const QList<int> &indexes, qsizetype size) {
        return std::all_of(indexes.begin(), indexes.end(), [size](int i) { return i >= 0 && i < size; });
    };
    for (const VriEntry &v : data.vri) {
        if (v.signatureContentsDer.isEmpty())
            return Error(ErrorCode::InvalidArgument, QStringLiteral("a VRI entry without signature contents"));
        if (!inRange(v.certIndexes, data.certificates.size()) || !inRange(v.ocspIndexes, data.ocspResponses.size()) ||
            !inRange(v.crlIndexes, data.crls.size()))
            return Error(ErrorCode::InvalidArgument, QStringLiteral("a VRI index outside its list"));
    }
    for (const QList<QByteArray> *list : {&data.certificates, &data.ocspResponses, &data.crls})
        for (const QByteArray &der : *list)
            if (der.isEmpty())
                return Error(ErrorCode::InvalidArgument, QStringLiteral("an empty DER in the validation data"));
    return {};
}

// The update's objects: what changed in the input and what is new. Empty when the input's DSS
// holds everything already.
struct DssUpdate
{
    pdf::ObjectMap changed;
    std::vector<QPDFObjectHandle> createdRoots;
};

DssUpdate buildDss(QPDF &qpdf, const DssData &data)
{
    DssUpdate update;
    QPDFObjectHandle root = qpdf.getRoot();
    QPDFObjectHandle oldDss = root.getKey("/DSS");
    const bool hadDss = oldDss.isDictionary();
    // The DSS is one indirect dictionary: an old indirect one is rewritten in place, a direct one
    // (or none) becomes a new object the catalog points to.
    QPDFObjectHandle dss =
        hadDss && oldDss.isIndirect()
            ? oldDss
            : qpdf.makeIndirectObject(hadDss ? oldDss.shallowCopy() : QPDFObjectHandle::newDictionary());
    StreamList certs(qpdf, dss.getKey("/Certs")), ocsps(qpdf, dss.getKey("/OCSPs")), crls(qpdf, dss.getKey("/CRLs"));
    auto refsOf = [](StreamList &list, const QList<QByteArray> &ders, const QList<int> &indexes) {
        std::vector<QPDFObjectHandle> refs;
        for (const int i : indexes)
            refs.push_back(list.streamFor(ders.at(i)));
        return refs;
    };
    for (const QByteArray &der : data.certificates)
        certs.streamFor(der);
    for (const QByteArray &der : data.ocspResponses)
        ocsps.streamFor(der);
    for (const QByteArray &der : data.crls)
        crls.streamFor(der);

    QPDFObjectHandle oldVri = dss.getKey("/VRI");
    QPDFObjectHandle vri = oldVri.isDictionary() ? oldVri : QPDFObjectHandle::newDictionary();
    bool vriChanged = false;
    for (const VriEntry &v : data.vri) {
        const std::string key = '/' + PdfDssWriter::vriKey(v.signatureContentsDer).toStdString();
        QPDFObjectHandle old = vri.getKey(key);
        // An indirect entry is copied into the VRI dictionary: the old object stays as it was.
        QPDFObjectHandle entry = old.isDictionary() ? old.shallowCopy() : QPDFObjectHandle::newDictionary();
        bool changed = !old.isDictionary();
        if (!old.isDictionary())
            entry.replaceKey("/Type", QPDFObjectHandle::newName("/VRI"));
        changed |= mergeReferences(entry, "/Cert", refsOf(certs, data.certificates, v.certIndexes));
        changed |= mergeReferences(entry, "/OCSP", refsOf(ocsps, data.ocspResponses, v.ocspIndexes));
        changed |= mergeReferences(entry, "/CRL", refsOf(crls, data.crls, v.crlIndexes));
        if (v.time.isValid() && (changed || !entry.hasKey("/TU"))) {
            entry.replaceKey("/TU", QPDFObjectHandle::newString(pdf::pdfDate(v.time).toStdString()));
            changed = true;
        }
        if (changed) {
            vri.replaceKey(key, entry);
            vriChanged = true;
        }
    }

    const bool streamsAdded = !certs.added().empty() || !ocsps.added().empty() || !crls.added().empty();
    if (!streamsAdded && !vriChanged)
        return update;
    if (!hadDss)
        dss.replaceKey("/Type", QPDFObjectHandle::newName("/DSS"));
    if (!certs.empty())
        dss.replaceKey("/Certs", certs.array());
    if (!ocsps.empty())
        dss.replaceKey("/OCSPs", ocsps.array());
    if (!crls.empty())
        dss.replaceKey("/CRLs", crls.array());
    if (vriChanged) {
        if (vri.isIndirect())
            update.changed[vri.getObjGen()] = vri;
        else
            dss.replaceKey("/VRI", vri);
    }
    if (dss.getObjGen() == oldDss.getObjGen()) {
        update.changed[dss.getObjGen()] = dss;
    } else {
        root.replaceKey("/DSS", dss);
        update.changed[root.getObjGen()] = root;
    }
    for (const QPDFObjectHandle &o : declareEsicExtension(qpdf))
        update.changed[o.getObjGen()] = o;
    update.createdRoots = {dss};
    for (const StreamList *list : {&certs, &ocsps, &crls})
        update.createdRoots.insert(update.createdRoots.end(), list->added().begin(), list->added().end());
    return update;
}

} // namespace

QString PdfDssWriter::vriKey(const QByteArray &signatureContents)
{
    return QString::fromLatin1(QCryptographicHash::hash(signatureContents, QCryptographicHash::Sha1).toHex().toUpper());
}

Result<void> PdfDssWriter::append(const QString &input, const QString &output, const DssData &data, bool overwrite,
                                  const SecureBuffer &pdfPassword)
{
    if (auto r = checkIndexes(data); !r)
        return r;
    if (QFileInfo(output).absoluteFilePath() == QFileInfo(input).absoluteFilePath())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the output would replace the input: ") + input);
    if (!overwrite && QFileInfo::exists(output))
        return Error(ErrorCode::OutputExists, output);

    pdf::UpdateInput in;
    if (auto r = in.open(input); !r)
        return r;
    QPDF qpdf;
    qpdf.setSuppressWarnings(true);
    if (auto opened = pdf::openInput(qpdf, in.fd(), in.size(), input, pdfPassword.data()); !opened)
        return opened.error();
    // Validation data belongs to the signatures: where a file's permissions allow signing, they
    // allow its DSS.
    auto crypt = pdf::cryptFor(qpdf, input, !pdfPassword.isEmpty(), &QPDF::allowModifyForm,
                               QStringLiteral("its permissions do not allow signing"));
    if (!crypt)
        return crypt.error();

    QByteArray update;
    try {
        QPDFObjectHandle trailer = qpdf.getTrailer();
        if (!qpdf.getRoot().isDictionary() || !qpdf.getRoot().isIndirect())
            return Error(ErrorCode::PdfDamaged, input + QStringLiteral(": no document catalog"));
        const int lastOldObject = int(qpdf.getObjectCount());
        DssUpdate dss = buildDss(qpdf, data);
        if (qpdf.anyWarnings())
            return Error(ErrorCode::PdfDamaged,
                         input + QStringLiteral(": ") + QString::fromStdString(qpdf.getWarnings().front().what()));
        if (!dss.changed.empty()) {
            const pdf::ObjectMap created = pdf::collectCreated(dss.createdRoots, lastOldObject);
            pdf::UpdateSection section;
            section.changed = &dss.changed;
            section.created = &created;
            section.trailer = trailer;
            section.tail = in.tail();
            section.base = in.updateBase();
            section.oldSize = trailer.getKey("/Size").isInteger() ? trailer.getKey("/Size").getIntValue() : 0;
            section.crypt = &crypt.value();
            section.path = input;
            auto bytes = pdf::serializeUpdate(section);
            if (!bytes)
                return bytes.error();
            update = std::move(bytes).value();
        }
    } catch (const std::exception &e) {
        return Error(ErrorCode::PdfDamaged, input + QStringLiteral(": ") + QString::fromStdString(e.what()));
    }
    if (auto r = in.checkUnchanged(QStringLiteral("while its DSS was built")); !r)
        return r;

    AtomicFileWriter writer(output, overwrite);
    if (auto r = writer.open(); !r)
        return r;
    if (update.isEmpty()) {
        qCInfo(lcSigning) << input << ": its DSS holds the validation data already; the output is a copy";
        // No update: the copy must not gain the EOL an update would need.
        QFile source;
        if (!source.open(in.fd(), QIODevice::ReadOnly, QFileDevice::DontCloseHandle) || !source.seek(0))
            return Error(ErrorCode::FileReadFailed, input + QStringLiteral(": ") + source.errorString());
        while (!source.atEnd()) {
            const QByteArray chunk = source.read(1 << 20);
            if (chunk.isEmpty())
                return Error(ErrorCode::FileReadFailed, input + QStringLiteral(": ") + source.errorString());
            if (auto r = writer.write(chunk); !r)
                return r;
        }
    } else if (auto r = in.copyWithUpdate(writer, update); !r) {
        return r;
    }
    if (auto r = in.checkUnchanged(QStringLiteral("while it was copied")); !r)
        return r;
    if (auto r = writer.commit(); !r)
        return r;
    qCDebug(lcSigning) << "DSS appended to" << input << "+" << update.size() << "bytes";
    return {};
}

} // namespace sohoa::signing
