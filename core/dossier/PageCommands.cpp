#include "core/dossier/PageCommands.h"

#include <QCoreApplication>

namespace sohoa {

PageCommand::PageCommand(DossierStore &store, qint64 pageId, const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_store(store), m_pageId(pageId)
{}

bool PageCommand::succeeded(const Result<PageRecord> &result)
{
    if (result)
        return true;
    m_lastError = result.error();
    setObsolete(true);
    if (m_onError)
        m_onError(m_lastError);
    return false;
}

MovePageCommand::MovePageCommand(DossierStore &store, qint64 pageId, qint64 toComponentId, int toPosition,
                                 QUndoCommand *parent)
    : PageCommand(store, pageId, QCoreApplication::translate("PageCommands", "Move page"), parent),
      m_toComponentId(toComponentId), m_toPosition(toPosition)
{}

void MovePageCommand::redo()
{
    const Result<PageRecord> before = m_store.page(m_pageId);
    if (!succeeded(before))
        return;
    m_fromComponentId = before->componentId;
    m_fromPosition = before->position;
    (void)succeeded(m_store.movePage(m_pageId, m_toComponentId, m_toPosition));
}

void MovePageCommand::undo()
{
    (void)succeeded(m_store.movePage(m_pageId, m_fromComponentId, m_fromPosition));
}

RotatePageCommand::RotatePageCommand(DossierStore &store, qint64 pageId, int degrees, QUndoCommand *parent)
    : PageCommand(store, pageId, QCoreApplication::translate("PageCommands", "Rotate page"), parent), m_degrees(degrees)
{}

void RotatePageCommand::redo()
{
    (void)succeeded(m_store.rotatePage(m_pageId, m_degrees));
}

void RotatePageCommand::undo()
{
    (void)succeeded(m_store.rotatePage(m_pageId, 360 - m_degrees));
}

DeletePageCommand::DeletePageCommand(DossierStore &store, qint64 pageId, QUndoCommand *parent)
    : PageCommand(store, pageId, QCoreApplication::translate("PageCommands", "Delete page"), parent)
{}

void DeletePageCommand::redo()
{
    (void)succeeded(m_store.deletePage(m_pageId));
}

void DeletePageCommand::undo()
{
    (void)succeeded(m_store.restorePage(m_pageId));
}

RestorePageCommand::RestorePageCommand(DossierStore &store, qint64 pageId, QUndoCommand *parent)
    : PageCommand(store, pageId, QCoreApplication::translate("PageCommands", "Restore page"), parent)
{}

void RestorePageCommand::redo()
{
    (void)succeeded(m_store.restorePage(m_pageId));
}

void RestorePageCommand::undo()
{
    (void)succeeded(m_store.deletePage(m_pageId));
}

} // namespace sohoa
