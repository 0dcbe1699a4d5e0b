#pragma once

// The scan corpus' ground truth (../shared/corpus/scans/truth.json: file, kind, text, skew_deg,
// blank, qr of every page) and how tests score recognized text against it.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <algorithm>

namespace sohoa::test {

// The corpus pages in corpus order; empty when the corpus is missing (the caller fails loudly).
inline QJsonArray corpusTruth()
{
    QFile f(QStringLiteral(SOHOA_CORPUS_DIR "/scans/truth.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("pages")).toArray();
}

// The truth of one corpus file ("page-002.jpg"); empty when there is none.
inline QJsonObject corpusTruthOf(const QString &file)
{
    for (const QJsonValue &v : corpusTruth()) {
        if (v.toObject().value(QStringLiteral("file")).toString() == file)
            return v.toObject();
    }
    return {};
}

// Text as compared: NFC, every run of white space one space, no space at either end.
inline QString normalizedText(const QString &text)
{
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    return text.normalized(QString::NormalizationForm_C).replace(spaces, QStringLiteral(" ")).trimmed();
}

// 1 − (Levenshtein distance of the normalized texts) / (length of the truth): 1 is perfect.
inline double characterAccuracy(const QString &read, const QString &truth)
{
    const QString a = normalizedText(read), b = normalizedText(truth);
    QList<qsizetype> prev(b.size() + 1), cur(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1)});
        std::swap(prev, cur);
    }
    return 1.0 - double(prev[b.size()]) / double(std::max<qsizetype>(b.size(), 1));
}

} // namespace sohoa::test
