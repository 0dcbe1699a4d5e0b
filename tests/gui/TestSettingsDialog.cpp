// The settings dialog, driven through its widgets: what is typed is stored on OK and read back by a
// new settings object; a wrong profile or name template keeps the dialog open with the reason and
// stores nothing.

#include "GuiTestSupport.h"

#include "app/gui/SettingsDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QtTest>

using namespace sohoa;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    template <typename T> static QList<T *> all(QWidget &w) { return w.findChildren<T *>(); }

private slots:
    void initTestCase() { test::useTemporarySettings(m_dir); }

    void typedValuesAreStoredOnOk()
    {
        gui::AppSettings settings;
        gui::SettingsDialog dialog(settings);
        auto *prefix = dialog.findChild<QLineEdit *>(QStringLiteral("agencyPrefix"));
        QVERIFY(prefix);
        prefix->setText(QStringLiteral("h15.50.05.13"));
        auto *language = dialog.findChild<QComboBox *>(QStringLiteral("language"));
        language->setCurrentIndex(language->findData(QStringLiteral("vi")));
        auto *profiles = dialog.findChild<QListWidget *>(QStringLiteral("profileList"));
        QVERIFY(profiles);
        const int before = profiles->count();
        // The profile form: its first line edit is the name, its spin boxes resolution and quality.
        profiles->setCurrentRow(0);
        QLineEdit *name = nullptr;
        for (QLineEdit *e : all<QLineEdit>(dialog)) {
            if (e->text() == settings.profiles().first().name)
                name = e;
        }
        QVERIFY(name);
        name->setText(QStringLiteral("Quầy 2: xám 200 dpi"));
        for (QSpinBox *spin : all<QSpinBox>(dialog)) {
            if (spin->maximum() == 2400)
                spin->setValue(200);
        }
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.languageChanged());
        gui::AppSettings again;
        QCOMPARE(again.agencyPrefix(), QStringLiteral("H15.50.05.13"));
        QCOMPARE(again.language(), QStringLiteral("vi"));
        QCOMPARE(again.profiles().size(), before);
        QCOMPARE(again.profiles().first().name, QStringLiteral("Quầy 2: xám 200 dpi"));
        QCOMPARE(again.profiles().first().resolution, 200);
    }

    void aBadNameTemplateKeepsTheDialogOpen()
    {
        gui::AppSettings settings;
        const QString before = settings.nameTemplate();
        gui::SettingsDialog dialog(settings);
        QLineEdit *nameTemplate = nullptr;
        for (QLineEdit *e : all<QLineEdit>(dialog)) {
            if (e->placeholderText().contains(QStringLiteral("{seq:04}")))
                nameTemplate = e;
        }
        QVERIFY(nameTemplate);
        nameTemplate->setText(QStringLiteral("{dossier}/{component}/page.{ext}")); // no {seq}: pages would collide
        dialog.accept();
        QVERIFY(dialog.result() != int(QDialog::Accepted));
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("settingsError"));
        QVERIFY(!error->text().isEmpty());
        QCOMPARE(gui::AppSettings().nameTemplate(), before);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "TestSettingsDialog.moc"
