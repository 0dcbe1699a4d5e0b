// Page edits on a QUndoStack: redo edits the store, undo edits it back (both audited), redo again
// repeats; a command that fails leaves the stack and says why.

#include "StoreTestSupport.h"

#include "core/dossier/DossierStore.h"
#include "core/dossier/PageCommands.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace sohoa;
using namespace sohoa::test;

namespace {

// What a user sees of a dossier: per component, its pages in order with their rotation, and the
// deleted pages.
struct Snapshot
{
    QList<QPair<qint64, int>> a, b; // page id, rotation
    QList<qint64> deletedA, deletedB;
    friend bool operator==(const Snapshot &, const Snapshot &) = default;
};

char *toString(const Snapshot &s)
{
    QString text;
    const auto list = [&](const char *name, const QList<QPair<qint64, int>> &pages) {
        text += QString::fromLatin1(name) + u':';
        for (const auto &[id, rotation] : pages)
            text += QStringLiteral(" %1@%2").arg(id).arg(rotation);
        text += u' ';
    };
    list("A", s.a);
    list("B", s.b);
    text += QStringLiteral("deleted A %1 B %2").arg(s.deletedA.size()).arg(s.deletedB.size());
    return qstrdup(text.toUtf8().constData());
}

struct Fixture : TwoComponentStore
{
    bool setUp() { return TwoComponentStore::setUp(4, 2); }

    Snapshot snapshot() const
    {
        Snapshot s;
        for (const PageRecord &p : store->pages(a.id).value())
            s.a.append({p.id, p.rotation});
        for (const PageRecord &p : store->pages(b.id).value())
            s.b.append({p.id, p.rotation});
        s.deletedA = pageIds(store->deletedPages(a.id));
        s.deletedB = pageIds(store->deletedPages(b.id));
        return s;
    }
};

enum class Kind
{
    Move,
    MoveAcross,
    Rotate,
    Delete,
    Restore
};

} // namespace

Q_DECLARE_METATYPE(Kind)

class TestPageCommands : public QObject
{
    Q_OBJECT

    // Builds the command under test; Restore first deletes its page outside the stack.
    static PageCommand *makeCommand(Fixture &f, Kind kind)
    {
        switch (kind) {
        case Kind::Move:
            return new MovePageCommand(*f.store, f.aIds.at(0), f.a.id, 3);
        case Kind::MoveAcross:
            return new MovePageCommand(*f.store, f.aIds.at(2), f.b.id, 2);
        case Kind::Rotate:
            return new RotatePageCommand(*f.store, f.aIds.at(1), 270);
        case Kind::Delete:
            return new DeletePageCommand(*f.store, f.aIds.at(1));
        case Kind::Restore:
            if (!f.store->deletePage(f.aIds.at(2)))
                return nullptr;
            return new RestorePageCommand(*f.store, f.aIds.at(2));
        }
        return nullptr;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void undoAndRedoEditTheStore_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("action");     // audit entry of redo
        QTest::addColumn<QString>("undoAction"); // audit entry of undo
        QTest::newRow("move within a component") << Kind::Move << "page-moved"
                                                 << "page-moved";
        QTest::newRow("move to another component") << Kind::MoveAcross << "page-moved"
                                                   << "page-moved";
        QTest::newRow("rotate") << Kind::Rotate << "page-rotated"
                                << "page-rotated";
        QTest::newRow("delete") << Kind::Delete << "page-deleted"
                                << "page-restored";
        QTest::newRow("restore") << Kind::Restore << "page-restored"
                                 << "page-deleted";
    }

    void undoAndRedoEditTheStore()
    {
        QFETCH(Kind, kind);
        QFETCH(QString, action);
        QFETCH(QString, undoAction);
        Fixture f;
        QVERIFY(f.setUp());
        QUndoStack stack;
        PageCommand *command = makeCommand(f, kind);
        QVERIFY(command);
        const Snapshot before = f.snapshot();
        const qsizetype logged = auditActions(*f.store).size();
        stack.push(command); // redo()
        QCOMPARE(stack.count(), 1);
        QCOMPARE(command->lastError().code(), ErrorCode::None);
        const Snapshot after = f.snapshot();
        QVERIFY(after != before);

        stack.undo();
        QCOMPARE(f.snapshot(), before);
        stack.redo();
        QCOMPARE(f.snapshot(), after);
        stack.undo();
        QCOMPARE(f.snapshot(), before);
        QCOMPARE(stack.count(), 1);
        QCOMPARE(command->lastError().code(), ErrorCode::None);
        // Undo is an edit of its own, never a rewrite of history: the log only grows.
        QCOMPARE(auditActions(*f.store).mid(logged), (QStringList{action, undoAction, action, undoAction}));
    }

    void aSequenceUndoesInReverse()
    {
        Fixture f;
        QVERIFY(f.setUp());
        QUndoStack stack;
        QList<Snapshot> states{f.snapshot()};
        const auto push = [&](QUndoCommand *c) {
            stack.push(c);
            states.append(f.snapshot());
        };
        push(new MovePageCommand(*f.store, f.aIds.at(3), f.a.id, 1));
        push(new RotatePageCommand(*f.store, f.aIds.at(3), 90));
        push(new MovePageCommand(*f.store, f.aIds.at(3), f.b.id, 3));
        push(new DeletePageCommand(*f.store, f.aIds.at(0)));
        push(new RotatePageCommand(*f.store, f.bIds.at(0), 180));
        push(new DeletePageCommand(*f.store, f.aIds.at(3)));
        push(new RestorePageCommand(*f.store, f.aIds.at(0)));
        QCOMPARE(stack.count(), 7);
        for (int i = stack.count() - 1; i >= 0; --i) {
            stack.undo();
            QCOMPARE(f.snapshot(), states.at(i));
        }
        for (int i = 1; i <= stack.count(); ++i) {
            stack.redo();
            QCOMPARE(f.snapshot(), states.at(i));
        }
    }

    void aFailingRedoLeavesTheStack()
    {
        Fixture f;
        QVERIFY(f.setUp());
        QVERIFY(f.store->deletePage(f.aIds.at(0)));
        QUndoStack stack;
        const Snapshot before = f.snapshot();
        Error reported;
        auto *command = new RotatePageCommand(*f.store, f.aIds.at(0), 90); // a deleted page does not turn
        command->onError([&](const Error &e) { reported = e; });
        stack.push(command); // deleted by the stack: obsolete after redo()
        QCOMPARE(stack.count(), 0);
        QCOMPARE(reported.code(), ErrorCode::InvalidArgument);
        QCOMPARE(f.snapshot(), before);
    }

    void aFailingUndoLeavesTheStack()
    {
        // The page was deleted outside the stack after it was turned: the turn cannot be undone.
        Fixture f;
        QVERIFY(f.setUp());
        QUndoStack stack;
        Error reported;
        auto *command = new RotatePageCommand(*f.store, f.aIds.at(1), 90);
        command->onError([&](const Error &e) { reported = e; });
        stack.push(command);
        QCOMPARE(stack.count(), 1);
        QVERIFY(f.store->deletePage(f.aIds.at(1)));
        stack.undo();
        QCOMPARE(reported.code(), ErrorCode::InvalidArgument);
        QCOMPARE(stack.count(), 0);
        QCOMPARE(f.store->page(f.aIds.at(1))->rotation, 90);
    }

    void lastErrorOutsideAStack()
    {
        Fixture f;
        QVERIFY(f.setUp());
        MovePageCommand command(*f.store, f.aIds.at(0), f.b.id, 9);
        command.redo();
        QVERIFY(command.isObsolete());
        QCOMPARE(command.lastError().code(), ErrorCode::InvalidArgument);
        QCOMPARE(f.store->page(f.aIds.at(0))->componentId, f.a.id);
        QCOMPARE(command.pageId(), f.aIds.at(0));
        QCOMPARE(command.text(), QStringLiteral("Move page"));
    }
};

QTEST_GUILESS_MAIN(TestPageCommands)
#include "TestPageCommands.moc"
