#include "app/gui/JobBar.h"

#include "app/workflows/Job.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace sohoa::gui {

JobBar::JobBar(QWidget *parent)
    : QWidget(parent), m_label(new QLabel(this)), m_bar(new QProgressBar(this)), m_cancel(new QPushButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    m_bar->setFixedWidth(180);
    m_bar->setTextVisible(true);
    layout->addWidget(m_bar);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("jobCancel"));
    m_cancel->setToolTip(tr("Stop the running work (Esc). Pages and files already saved stay saved."));
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
        m_cancel->setEnabled(false);
        m_label->setText(tr("%1 — stopping…").arg(m_title));
    });
    hide();
}

void JobBar::track(workflows::Job *job, const QString &title)
{
    m_job = job;
    m_title = title;
    m_label->setText(title);
    m_bar->setRange(0, 0);
    m_cancel->setEnabled(true);
    show();
    connect(job, &workflows::Job::progress, this, [this, job](const workflows::JobProgress &p) {
        if (job != m_job)
            return;
        if (p.total > 0) {
            m_bar->setRange(0, 1000);
            m_bar->setValue(int(1000 * p.done / p.total));
            m_bar->setFormat(QStringLiteral("%1 / %2").arg(p.done).arg(p.total));
        } else {
            m_bar->setRange(0, 0);
        }
        if (!p.what.isEmpty())
            m_label->setText(m_title + QStringLiteral(" — ") + p.what);
    });
    connect(job, &workflows::Job::finished, this, [this, job] {
        if (job == m_job) {
            m_job = nullptr;
            hide();
        }
    });
}

QString JobBar::text() const
{
    return m_label->text();
}

int JobBar::value() const
{
    return m_bar->value();
}

} // namespace sohoa::gui
