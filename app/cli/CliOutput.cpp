#include "app/cli/CliOutput.h"

#include "app/cli/ExitStatus.h"
#include "core/common/Translations.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace sohoa::cli {

namespace {

// A short write or a failed flush leaves the stream's error indicator set: main() turns stdout's into
// an error, so that a script never takes output cut short (a full disk, a closed pipe) for a result.
void writeAll(std::FILE *stream, const QByteArray &bytes)
{
    if (std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream) == size_t(bytes.size()))
        (void)std::fflush(stream);
}

} // namespace

void printLine(const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    writeAll(stdout, bytes);
}

void printJson(const QJsonObject &object)
{
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    writeAll(stdout, bytes);
}

void printWarning(const QString &text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    writeAll(stderr, bytes);
}

QString bilingual(const char *sourceText)
{
    return translated(Language::Vietnamese, "sohoa::cli", sourceText) + QStringLiteral(" / ") +
           translated(Language::English, "sohoa::cli", sourceText);
}

QJsonObject errorJson(const Error &error)
{
    return QJsonObject{{QStringLiteral("id"), error.id()},
                       {QStringLiteral("message_vi"), error.messageVi()},
                       {QStringLiteral("message_en"), error.messageEn()},
                       {QStringLiteral("detail"), error.detail()},
                       {QStringLiteral("exit_status"), exitStatus(error)}};
}

void printError(const Error &error, bool json)
{
    if (json) {
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("error")},
                              {QStringLiteral("error"), errorJson(error)}});
    }
    printWarning(bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "Error")) + QStringLiteral(" [%1]:\n").arg(error.id()) +
                 error.fullText());
}

QJsonObject pageJson(const PageRecord &page)
{
    QJsonObject o{{QStringLiteral("seq"), page.seq},
                  {QStringLiteral("path"), page.absolutePath},
                  {QStringLiteral("relative_path"), page.relativePath},
                  {QStringLiteral("sha256"), page.sha256},
                  {QStringLiteral("size"), page.size},
                  {QStringLiteral("width"), page.width},
                  {QStringLiteral("height"), page.height},
                  {QStringLiteral("dpi"), page.dpi},
                  {QStringLiteral("mode"), colorModeName(page.mode)},
                  {QStringLiteral("bit_depth"), page.bitDepth},
                  {QStringLiteral("format"), page.format},
                  {QStringLiteral("device"), page.device},
                  {QStringLiteral("scanned_at"), page.scannedAt.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("saved_at"), page.savedAt.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("adopted"), page.adopted}};
    // Only what differs from a page as scanned, so that the output of an untouched dossier stays
    // what scripts have read since the first release (the order of a list is the pages' order).
    if (page.rotation != 0)
        o.insert(QStringLiteral("rotation"), page.rotation);
    if (page.deleted) {
        o.insert(QStringLiteral("deleted_at"), page.deletedAt.toString(Qt::ISODateWithMs));
        o.insert(QStringLiteral("position"), page.position); // where restore puts it back
    }
    if (page.cleanup.present) {
        const PageCleanupRecord &c = page.cleanup;
        o.insert(QStringLiteral("blank"), c.blank);
        if (c.blank)
            o.insert(QStringLiteral("blank_review"), c.blankReview.isEmpty() ? QStringLiteral("pending") : c.blankReview);
        o.insert(QStringLiteral("skew_corrected_deg"), qRound(c.skewCorrectedDeg * 100) / 100.0);
        o.insert(QStringLiteral("rotated_deg"), c.rotatedDeg);
        QJsonObject cleanup{{QStringLiteral("options"), c.options},
                            {QStringLiteral("operations"), QJsonArray::fromStringList(c.operations)},
                            {QStringLiteral("skew_detected_deg"), qRound(c.skewDetectedDeg * 100) / 100.0},
                            {QStringLiteral("ink_percent"), qRound(c.inkPercent * 1000) / 1000.0},
                            {QStringLiteral("at"), c.at.toString(Qt::ISODateWithMs)}};
        if (c.hasImage()) {
            cleanup.insert(QStringLiteral("path"), c.absolutePath);
            cleanup.insert(QStringLiteral("relative_path"), c.relativePath);
            cleanup.insert(QStringLiteral("sha256"), c.sha256);
            cleanup.insert(QStringLiteral("size"), c.size);
            cleanup.insert(QStringLiteral("width"), c.width);
            cleanup.insert(QStringLiteral("height"), c.height);
        }
        o.insert(QStringLiteral("cleanup"), cleanup);
    }
    return o;
}

QJsonObject dossierJson(const DossierInfo &dossier)
{
    return QJsonObject{{QStringLiteral("code"), dossier.code},
                       {QStringLiteral("free_form"), dossier.freeForm},
                       {QStringLiteral("procedure"), dossier.procedure},
                       {QStringLiteral("applicant"), dossier.applicant},
                       {QStringLiteral("status"), dossier.status},
                       {QStringLiteral("created_at"), dossier.createdAt.toString(Qt::ISODateWithMs)},
                       {QStringLiteral("updated_at"), dossier.updatedAt.toString(Qt::ISODateWithMs)}};
}

} // namespace sohoa::cli
