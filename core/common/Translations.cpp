#include "core/common/Translations.h"

#include "core/common/CoreLogging.h"

#include <QCoreApplication>
#include <QLocale>
#include <QMutex>
#include <QTranslator>

namespace sohoa {

namespace {

// One QTranslator per language, loaded once from the embedded .qm files and never changed again:
// QTranslator::translate() is const and only reads the loaded catalogue, so any number of threads may
// call it at once (QCoreApplication::translate() relies on the same, under a read lock only).
struct Catalogues
{
    QTranslator vietnamese;
    QTranslator english; // plural forms of the source language only (see cmake/SohoaTranslations.cmake)
    bool vietnameseLoaded = false;
    bool englishLoaded = false;

    Catalogues()
    {
        vietnameseLoaded = load(vietnamese, QStringLiteral(":/i18n/sohoa_vi.qm"));
        englishLoaded = load(english, QStringLiteral(":/i18n/sohoa_en.qm"));
    }

    static bool load(QTranslator &translator, const QString &path)
    {
        // The translators never receive events: detach them from the thread that happened to make
        // them first (possibly a worker that ends long before the program does).
        translator.moveToThread(nullptr);
        if (translator.load(path))
            return true;
        // Not translated: a message for the log, not for users.
        qCWarning(lcCore) << "translation catalogue" << path << "is missing; texts stay in English";
        return false;
    }

    QTranslator *of(Language language)
    {
        switch (language) {
        case Language::Vietnamese:
            return vietnameseLoaded ? &vietnamese : nullptr;
        case Language::English:
            return englishLoaded ? &english : nullptr;
        }
        return nullptr;
    }
};

Catalogues &catalogues()
{
    // Made on first use (thread-safe static initialisation) and never destroyed, so that a translation
    // asked for during static destruction or after the application object is gone still works.
    static Catalogues *const instance = new Catalogues;
    return *instance;
}

// tr()'s %n / %Ln substitution (QCoreApplication does it after asking the translators; we ask the
// translator ourselves, so we do it too). %Ln uses the digit grouping of the text's own language.
void replacePercentN(QString &text, int n, Language language)
{
    if (n < 0)
        return;
    qsizetype pos = 0;
    while ((pos = text.indexOf(u'%', pos)) != -1) {
        qsizetype len = 1;
        bool localized = false;
        if (pos + len < text.size() && text.at(pos + len) == u'L') {
            localized = true;
            ++len;
        }
        if (pos + len < text.size() && text.at(pos + len) == u'n') {
            ++len;
            const QString number = localized ? localeOf(language).toString(n) : QString::number(n);
            text.replace(pos, len, number);
            pos += number.size();
        } else {
            pos += len;
        }
    }
}

} // namespace

QLocale localeOf(Language language)
{
    return language == Language::Vietnamese ? QLocale(QLocale::Vietnamese, QLocale::Vietnam)
                                            : QLocale(QLocale::English, QLocale::UnitedStates);
}

Language uiLanguage()
{
    return QLocale().language() == QLocale::Vietnamese ? Language::Vietnamese : Language::English;
}

bool installTranslator(Language language)
{
    if (!QCoreApplication::instance())
        return false;
    static QMutex mutex;
    static QTranslator *installed = nullptr;
    QMutexLocker lock(&mutex);
    Catalogues &c = catalogues();
    if (installed)
        QCoreApplication::removeTranslator(installed);
    installed = nullptr;
    QTranslator *wanted = c.of(language);
    if (language == Language::English) {
        // The source texts are English already; the catalogue only adds plural forms and may be empty
        // (QCoreApplication::installTranslator() refuses an empty one).
        if (wanted && !wanted->isEmpty() && QCoreApplication::installTranslator(wanted))
            installed = wanted;
        return c.englishLoaded;
    }
    if (!wanted || !QCoreApplication::installTranslator(wanted))
        return false;
    installed = wanted;
    return true;
}

bool installTranslator()
{
    return installTranslator(uiLanguage());
}

QString translated(Language language, const char *context, const char *sourceText, const char *disambiguation, int n)
{
    QString text;
    if (const QTranslator *translator = catalogues().of(language))
        text = translator->translate(context, sourceText, disambiguation, n);
    if (text.isNull())
        text = QString::fromUtf8(sourceText);
    replacePercentN(text, n, language);
    return text;
}

} // namespace sohoa
