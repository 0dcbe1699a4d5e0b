#pragma once

#include <QLocale>
#include <QString>

namespace sohoa {

// The languages SoHoa speaks. English is the source language: every user-visible string in the code is
// English (tr(), QT_TRANSLATE_NOOP), and resources/translations/sohoa_vi.ts holds its Vietnamese. Both
// catalogues are compiled into the program (resources under :/i18n); see README "Translations".
enum class Language
{
    English,
    Vietnamese,
};

// How numbers are written in `language` (Vietnamese: 0,33; English: 0.33), for values put into a
// translated sentence.
QLocale localeOf(Language language);

// The language of the user interface: Vietnamese where QLocale().language() is Vietnamese (the default
// locale: LC_ALL / LC_MESSAGES / LANG unless QLocale::setDefault changed it), English otherwise.
Language uiLanguage();

// Installs the catalogue of `language` into the running application, replacing the one installed here
// before, so that tr() and QCoreApplication::translate() speak it (call it after creating the
// application, and again when the user switches language: widgets get a LanguageChange event). False
// without a QCoreApplication or when the catalogue is missing from the resources.
bool installTranslator(Language language);
// The same for uiLanguage().
bool installTranslator();

// sourceText (with its context and disambiguation, as lupdate extracted them) in `language`, whatever
// the locale and whatever the application installed; the source text itself where there is no finished
// translation. Needs no QCoreApplication (tests and the CLI call it early) and is safe from any thread.
// As with tr(), n >= 0 selects the plural form and replaces %n (and %Ln, written for `language`).
QString translated(Language language, const char *context, const char *sourceText, const char *disambiguation = nullptr,
                   int n = -1);

} // namespace sohoa
