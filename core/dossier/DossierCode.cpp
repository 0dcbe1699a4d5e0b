#include "core/dossier/DossierCode.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace sohoa {

namespace {

// Agency e-ID: a letter then two digits, then one to three groups (".50.05.13"). The national form
// is MX1X2.Y1Y2Y3.Z1Z2: groups of 3, 3 and 2 characters; the provincial form groups of 2 digits.
const QRegularExpression &provincialRe()
{
    static const QRegularExpression re(QStringLiteral("^([A-Z][0-9]{2}(?:\\.[0-9]{2}){1,3})-([0-9]{6})-([0-9]{4,})$"));
    return re;
}

const QRegularExpression &nationalRe()
{
    static const QRegularExpression re(
        QStringLiteral("^([0-9A-Z][0-9A-Z]{2}\\.[0-9A-Z]{3}\\.[0-9A-Z]{2})-([0-9]{6})-([0-9]{2})([0-9]{4,})$"));
    return re;
}

QDate dateFromYYMMDD(const QString &s)
{
    if (s.size() != 6)
        return {};
    return QDate(2000 + s.left(2).toInt(), s.mid(2, 2).toInt(), s.right(2).toInt());
}

bool usableAsFolderName(const QString &code)
{
    if (code.isEmpty() || code.size() > 120 || code == u"." || code == u".." || code.startsWith(u'.'))
        return false;
    for (const QChar c : code) {
        if (c.unicode() < 0x20 || c == u'/' || c == u'\\' || c == u'\x7f')
            return false;
    }
    return code.trimmed() == code;
}

} // namespace

DossierCode::Form DossierCode::classify(const QString &code)
{
    if (auto m = nationalRe().match(code); m.hasMatch() && dateFromYYMMDD(m.captured(2)).isValid())
        return Form::National;
    if (auto m = provincialRe().match(code); m.hasMatch() && dateFromYYMMDD(m.captured(2)).isValid())
        return Form::Provincial;
    return usableAsFolderName(code) ? Form::FreeForm : Form::Invalid;
}

Result<DossierCode::Form> DossierCode::validate(const QString &code, bool allowFreeForm)
{
    const Form form = classify(code);
    if (form == Form::Invalid)
        return Error(ErrorCode::InvalidDossierCode, code);
    if (form == Form::FreeForm && !allowFreeForm)
        return Error(ErrorCode::InvalidDossierCode, code);
    return form;
}

QDate DossierCode::receiptDate(const QString &code)
{
    if (auto m = nationalRe().match(code); m.hasMatch())
        return dateFromYYMMDD(m.captured(2));
    if (auto m = provincialRe().match(code); m.hasMatch())
        return dateFromYYMMDD(m.captured(2));
    return {};
}

QString DossierCode::suggestNext(const QString &prefix, const QString &systemId, const QDate &date,
                                const QStringList &existing)
{
    const QString p = prefix.trimmed().toUpper();
    const QString yymmdd = date.toString(QStringLiteral("yyMMdd"));
    if (p.isEmpty() || !date.isValid())
        return {};
    const bool national = !systemId.isEmpty();
    const QRegularExpression &re = national ? nationalRe() : provincialRe();
    int highest = 0;
    for (const QString &code : existing) {
        const auto m = re.match(code);
        if (!m.hasMatch() || m.captured(1) != p || m.captured(2) != yymmdd)
            continue;
        if (national && m.captured(3) != systemId)
            continue;
        highest = std::max(highest, m.captured(national ? 4 : 3).toInt());
    }
    const QString sequence = QStringLiteral("%1").arg(highest + 1, 4, 10, QLatin1Char('0'));
    const QString code = p + u'-' + yymmdd + u'-' + (national ? systemId : QString()) + sequence;
    return classify(code) == (national ? Form::National : Form::Provincial) ? code : QString();
}

QString DossierCode::formName(Form form)
{
    switch (form) {
    case Form::Provincial:
        return QStringLiteral("provincial");
    case Form::National:
        return QStringLiteral("national");
    case Form::FreeForm:
        return QStringLiteral("free-form");
    case Form::Invalid:
        break;
    }
    return QStringLiteral("invalid");
}

QString DossierCode::findIn(const QString &text)
{
    static const QRegularExpression token(QStringLiteral("[0-9A-Z.\\-]+"));
    auto it = token.globalMatch(text);
    while (it.hasNext()) {
        QString candidate = it.next().captured(0);
        const Form f = classify(candidate);
        if (f == Form::Provincial || f == Form::National)
            return candidate;
    }
    return {};
}

} // namespace sohoa
