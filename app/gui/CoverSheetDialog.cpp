#include "app/gui/CoverSheetDialog.h"

#include "app/workflows/CoverSheetJob.h"
#include "core/dossier/DossierCode.h"
#include "core/dossier/DossierStore.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sohoa::gui {

CoverSheetDialog::CoverSheetDialog(const QString &folder, QWidget *parent)
    : QDialog(parent), m_codes(new QPlainTextEdit(this)), m_folder(new QLineEdit(folder, this)),
      m_state(new QLabel(this)), m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("coverSheetDialog"));
    setWindowTitle(tr("Print cover sheets"));
    m_codes->setObjectName(QStringLiteral("coverCodes"));
    m_codes->setTabChangesFocus(true);
    m_codes->setPlaceholderText(tr("One dossier code per line; components after a colon, separated by ';'"));
    m_folder->setObjectName(QStringLiteral("coverFolder"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the cover sheets"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Dossier codes:"), m_codes);
    form->addRow(tr("&Folder:"), folderRow);
    m_state->setObjectName(QStringLiteral("coverState"));
    m_state->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_state);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Make PDFs"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CoverSheetDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CoverSheetDialog::reject);
    resize(560, 360);
}

CoverSheetDialog::~CoverSheetDialog()
{
    delete m_job.data();
}

QString CoverSheetDialog::folder() const
{
    return m_folder->text().trimmed();
}

QString CoverSheetDialog::errorText() const
{
    return m_state->text();
}

void CoverSheetDialog::accept()
{
    if (m_job)
        return;
    QList<Item> items;
    for (const QString &raw : m_codes->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(u':');
        Item item;
        item.code = (colon < 0 ? line : line.left(colon)).trimmed();
        if (colon >= 0) {
            for (const QString &c : line.mid(colon + 1).split(u';', Qt::SkipEmptyParts)) {
                if (!c.trimmed().isEmpty())
                    item.components << c.trimmed();
            }
        }
        if (auto form = DossierCode::validate(item.code, false); !form) {
            m_state->setText(form.error().message() + QStringLiteral(" (") + item.code + u')');
            return;
        }
        items << item;
    }
    if (items.isEmpty()) {
        m_state->setText(tr("Type at least one dossier code."));
        return;
    }
    if (!QDir().mkpath(folder())) {
        m_state->setText(tr("The folder %1 cannot be made.").arg(QDir::toNativeSeparators(folder())));
        return;
    }
    m_queue = items;
    m_written.clear();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    next();
}

void CoverSheetDialog::next()
{
    if (m_queue.isEmpty()) {
        QDialog::accept();
        return;
    }
    const Item item = m_queue.takeFirst();
    CoverSheetSpec spec;
    spec.dossierCode = item.code;
    spec.components = item.components;
    const QString path =
        QDir(folder()).filePath(DossierStore::sanitizeName(item.code) + QStringLiteral("-cover.pdf"));
    auto *job = new workflows::CoverSheetJob(path, spec, true, this);
    m_job = job;
    m_state->setText(tr("Making %1…").arg(item.code));
    connect(job, &workflows::Job::finished, this, [this, job, path](const Error &error) {
        job->deleteLater();
        if (error.isError()) {
            m_state->setText(error.message());
            m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
            m_queue.clear();
            return;
        }
        m_written << path;
        next();
    });
    job->start();
}

void CoverSheetDialog::reject()
{
    if (m_job)
        m_job->cancel();
    QDialog::reject();
}

} // namespace sohoa::gui
