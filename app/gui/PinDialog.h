#pragma once

#include "app/workflows/Job.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;

namespace sohoa::gui {

// Asks for a token PIN, a key file's password or a PDF's password, once, for the job that needs it.
// The text is masked, handed to the job and wiped; it is never stored or logged. What the token says
// about its tries is shown (a wrong PIN earlier, the last try); a token with its own PIN pad gets no
// field: the clerk is told to type the PIN on the reader. Window-modal and asynchronous (open(), not
// exec()): the window behind keeps painting.
class PinDialog : public QDialog
{
    Q_OBJECT
public:
    PinDialog(const workflows::SecretRequest &request, QWidget *parent = nullptr);

    // Answers `request` for `job`: a dialog, or the test hook's next answer.
    static void answer(workflows::Job *job, const workflows::SecretRequest &request, QWidget *parent);

    // Test hook (KeePassXC's MessageBox::setNextAnswer idea): the next requests are answered with these
    // texts, in order, without a dialog; an empty QString declines.
    static void setNextAnswers(const QStringList &answers);
    // How many requests were answered (dialog or hook) since the count was last reset.
    static int askedCount();
    static void resetAskedCount();
    // The last request answered, for tests that check what the clerk was told.
    static workflows::SecretRequest lastRequest();

    QString warningText() const;

private:
    QLineEdit *m_secret = nullptr;
    QLabel *m_warning = nullptr;
};

} // namespace sohoa::gui
