#pragma once

#include <QDialog>
#include <QPointer>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace sohoa::workflows {
class CoverSheetJob;
}

namespace sohoa::gui {

// Cover sheets for a list of dossier codes (one per line, components after a colon:
// "H15…-0001: Tờ khai; Giấy chứng sinh"), one PDF per dossier in a folder, made one after the other
// by CoverSheetJob while the dialog shows how far it is. Every code is checked before any file is made.
class CoverSheetDialog : public QDialog
{
    Q_OBJECT
public:
    CoverSheetDialog(const QString &folder, QWidget *parent = nullptr);
    ~CoverSheetDialog() override;

    QString folder() const;
    QStringList written() const { return m_written; }
    QPlainTextEdit *codesField() const { return m_codes; }
    QString errorText() const;

    void accept() override;
    void reject() override;

private:
    struct Item
    {
        QString code;
        QStringList components;
    };
    void next();

    QPlainTextEdit *m_codes;
    QLineEdit *m_folder;
    QLabel *m_state;
    QDialogButtonBox *m_buttons;
    QList<Item> m_queue;
    QStringList m_written;
    QPointer<workflows::CoverSheetJob> m_job;
};

} // namespace sohoa::gui
