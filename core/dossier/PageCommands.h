#pragma once

#include "core/common/Error.h"
#include "core/dossier/DossierStore.h"

#include <QUndoCommand>

#include <functional>

namespace sohoa {

// Page edits as undoable commands for a QUndoStack: redo() and undo() both go through the store
// (and so through its transaction, audit entry and notifications); the undo of an edit is another
// audited edit, never a rewrite of history.
//
// A failed redo() or undo() (the page was changed meanwhile, the store is locked...) marks the
// command obsolete, and QUndoStack then deletes it: push() of a command that fails leaves nothing
// on the stack, and a command that cannot be undone leaves the stack. Because the stack may delete
// the command before the caller can ask it, the error is also handed to onError().
class PageCommand : public QUndoCommand
{
public:
    using ErrorHandler = std::function<void(const Error &)>;

    qint64 pageId() const { return m_pageId; }
    // None while every redo()/undo() succeeded.
    const Error &lastError() const { return m_lastError; }
    void onError(ErrorHandler handler) { m_onError = std::move(handler); }

protected:
    PageCommand(DossierStore &store, qint64 pageId, const QString &text, QUndoCommand *parent);
    // Records a failure (obsolete, lastError, onError); true on success.
    bool succeeded(const Result<PageRecord> &result);

    DossierStore &m_store;
    const qint64 m_pageId;

private:
    Error m_lastError;
    ErrorHandler m_onError;
};

class MovePageCommand : public PageCommand
{
public:
    MovePageCommand(DossierStore &store, qint64 pageId, qint64 toComponentId, int toPosition,
                    QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    const qint64 m_toComponentId;
    const int m_toPosition;
    // Where the page was when redo() moved it (read then, not at construction).
    qint64 m_fromComponentId = 0;
    int m_fromPosition = 0;
};

class RotatePageCommand : public PageCommand
{
public:
    // degrees: 90, 180 or 270 clockwise; undo turns by the rest of the circle.
    RotatePageCommand(DossierStore &store, qint64 pageId, int degrees, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    const int m_degrees;
};

class DeletePageCommand : public PageCommand
{
public:
    DeletePageCommand(DossierStore &store, qint64 pageId, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override; // restores
};

class RestorePageCommand : public PageCommand
{
public:
    RestorePageCommand(DossierStore &store, qint64 pageId, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override; // deletes again
};

} // namespace sohoa
