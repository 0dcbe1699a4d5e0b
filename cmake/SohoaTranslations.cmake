# Translations (style rule 9). The source language is English; resources/translations/ holds
#   sohoa_vi.ts  every source string with its Vietnamese translation;
#   sohoa_en.ts  the source language's file: only the messages with plural forms ("%n page(s)" ->
#                "1 page" / "%n pages"), as Qt recommends for it (lupdate -pluralonly; Qt 6.7 calls it
#                PLURALS_TS_FILE). A full English file would only repeat every source text, and each new
#                string would sit there "unfinished" until someone copied it over by hand.
#
# `cmake --build build --target update_translations` runs lupdate over ALL of core/, scanner/,
# signing/ and app/ (the CLI and the future GUI share the two files). The build compiles both files
# with lrelease and embeds the .qm files as Qt resources under :/i18n in the target (sohoa_core,
# which every executable links); tests/core/TestTranslations.cpp fails on any string without a
# finished Vietnamese translation.

set(SOHOA_TRANSLATIONS_DIR ${PROJECT_SOURCE_DIR}/resources/translations)

# Options shared by both files and by the test's own lupdate run (keep them in step):
# relative locations keep diffs small; -no-obsolete drops the entry of a string that left the code, so
# the committed files never hold vanished entries (a reworded string's old Vietnamese is still in the
# diff of the .ts, next to its new source text: lupdate 6.4 does not carry it over by itself).
set(SOHOA_LUPDATE_OPTIONS -locations relative -no-obsolete -source-language en)

function(sohoa_add_translations target)
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS
        LIST_DIRECTORIES false
        ${PROJECT_SOURCE_DIR}/core/*.cpp ${PROJECT_SOURCE_DIR}/core/*.h
        ${PROJECT_SOURCE_DIR}/scanner/*.cpp ${PROJECT_SOURCE_DIR}/scanner/*.h
        ${PROJECT_SOURCE_DIR}/signing/*.cpp ${PROJECT_SOURCE_DIR}/signing/*.h
        ${PROJECT_SOURCE_DIR}/upload/*.cpp ${PROJECT_SOURCE_DIR}/upload/*.h
        ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h ${PROJECT_SOURCE_DIR}/app/*.ui)

    # Qt 6.4's qt_add_lupdate passes one set of OPTIONS to every .ts file of a call, so each file gets a
    # call of its own; the first argument only names the custom targets (sohoa_vi_lupdate,
    # sohoa_en_lupdate, both under update_translations) because SOURCES and INCLUDE_DIRECTORIES are
    # given explicitly.
    qt_add_lupdate(sohoa_vi
        TS_FILES ${SOHOA_TRANSLATIONS_DIR}/sohoa_vi.ts
        SOURCES ${sources}
        INCLUDE_DIRECTORIES ${PROJECT_SOURCE_DIR}
        OPTIONS ${SOHOA_LUPDATE_OPTIONS})
    qt_add_lupdate(sohoa_en
        TS_FILES ${SOHOA_TRANSLATIONS_DIR}/sohoa_en.ts
        SOURCES ${sources}
        INCLUDE_DIRECTORIES ${PROJECT_SOURCE_DIR}
        OPTIONS ${SOHOA_LUPDATE_OPTIONS} -pluralonly)

    # -nounfinished: a guess lupdate pre-filled (still unfinished) must not reach users; the source
    # text is shown instead until a translator has finished the entry.
    qt_add_lrelease(${target}
        TS_FILES ${SOHOA_TRANSLATIONS_DIR}/sohoa_vi.ts ${SOHOA_TRANSLATIONS_DIR}/sohoa_en.ts
        OPTIONS -silent -nounfinished
        QM_FILES_OUTPUT_VARIABLE qm_files)
    # On a static library Qt 6 compiles the resource into an object library linked into every
    # consumer, so its static initializer runs without Q_INIT_RESOURCE.
    qt_add_resources(${target} sohoa_translations
        PREFIX /i18n
        BASE ${CMAKE_CURRENT_BINARY_DIR}
        FILES ${qm_files})
endfunction()
