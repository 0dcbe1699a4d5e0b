# Precompiled headers: the Qt and standard library headers nearly every file includes, parsed once per
# target instead of once per file. Parsing them is about 2-3 s of every file's compile (3-4 s in all),
# so a clean build - the sanitizer build of CI above all - takes far less with them.
# Only headers of Qt and the standard library are listed: a change to one of ours never invalidates a
# precompiled header, and no header listed here changes its meaning with a per-target macro (QtTest's
# qtest.h does: it pulls in its GUI and Widgets parts when QT_GUI_LIB / QT_WIDGETS_LIB are defined, so
# it is not listed). Turn them off with -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON (to check that every file
# includes what it uses).
set(SOHOA_PCH_CORE
    <algorithm> <atomic> <cstdint> <functional> <memory> <optional> <utility> <vector>
    <QtCore/QByteArray> <QtCore/QCoreApplication> <QtCore/QDateTime> <QtCore/QDebug> <QtCore/QDir>
    <QtCore/QFile> <QtCore/QFileInfo> <QtCore/QHash> <QtCore/QJsonArray> <QtCore/QJsonDocument>
    <QtCore/QJsonObject> <QtCore/QList> <QtCore/QLoggingCategory> <QtCore/QMap> <QtCore/QMutex>
    <QtCore/QObject> <QtCore/QPointer> <QtCore/QSaveFile> <QtCore/QSet> <QtCore/QString>
    <QtCore/QStringList> <QtCore/QTemporaryDir> <QtCore/QThread> <QtCore/QTimer> <QtCore/QUrl>
    <QtCore/QVariant>)
set(SOHOA_PCH_GUI <QtGui/QColor> <QtGui/QImage> <QtGui/QPainter> <QtGui/QPixmap>)
set(SOHOA_PCH_WIDGETS
    <QtWidgets/QAbstractItemView> <QtWidgets/QBoxLayout> <QtWidgets/QDialog> <QtWidgets/QLabel>
    <QtWidgets/QLineEdit> <QtWidgets/QMessageBox> <QtWidgets/QPushButton> <QtWidgets/QWidget>)

# sohoa_precompile(TARGET [GUI] [WIDGETS]): a target's own precompiled header (libraries and programs
# with many files). GUI and WIDGETS add those modules' headers; the target must link them.
function(sohoa_precompile target)
    cmake_parse_arguments(P "GUI;WIDGETS" "" "" ${ARGN})
    set(headers ${SOHOA_PCH_CORE})
    if(P_GUI OR P_WIDGETS)
        list(APPEND headers ${SOHOA_PCH_GUI})
    endif()
    if(P_WIDGETS)
        list(APPEND headers ${SOHOA_PCH_WIDGETS})
    endif()
    target_precompile_headers(${target} PRIVATE ${headers})
endfunction()
