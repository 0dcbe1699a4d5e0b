#pragma once

#include <QJsonObject>
#include <QString>

namespace sohoa {

// Where the last separated batch of a store ended, so that the next batch without a dossier code
// continues there (a flatbed fed one sheet per scan). One per store.
struct SeparationState
{
    QString dossierCode;
    // Where the next page goes; while `pending` is set, the name of a split-off component that is
    // created with its first page (a separator at the end of a batch leaves no empty component).
    QString component;
    bool pending = false;
    QString from;    // the component the last pages went to (the one to reopen while pending)
    QString base;    // the name split documents are numbered from: "Base (2)", "Base (3)"
    QString barcode; // value of the separator sheet that started the current document
    int pagesInDocument = 0;
    QString batchId;

    // The audit trace's form (keys as written since schema 1: dossier, component, pending, from, base,
    // barcode, pages_in_document, batch).
    QJsonObject toJson() const;
    static SeparationState fromJson(const QJsonObject &json);

    friend bool operator==(const SeparationState &, const SeparationState &) = default;
};

} // namespace sohoa
