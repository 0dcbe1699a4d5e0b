# Project-wide compile settings in one INTERFACE target (qBittorrent's CommonConfig pattern).
add_library(sohoa_common_config INTERFACE)
target_compile_features(sohoa_common_config INTERFACE cxx_std_20)
target_compile_definitions(sohoa_common_config INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    QT_NO_FOREACH
    ZX_USE_UTF8)
target_compile_options(sohoa_common_config INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(sohoa_common_config INTERFACE -Wshadow=local)
elseif(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    # The sanitizer and fuzzing build (clang): clang's nearest to GCC's -Wshadow=local.
    # clang 22 flags libstdc++ 12's own use of std::get_temporary_buffer (std::stable_sort) as deprecated;
    # deprecations in our code are still errors in the gcc build.
    target_compile_options(sohoa_common_config INTERFACE -Wshadow-uncaptured-local -Wno-deprecated-declarations)
    # qpdf before 11.4 has a header clang refuses in C++20 (qpdf/qpdf#942): its own fix, in a copy found
    # before /usr/include (see cmake/qpdf-cxx20/qpdf/JSON.hh).
    if(QPDF_VERSION VERSION_LESS 11.4)
        target_include_directories(sohoa_common_config SYSTEM BEFORE INTERFACE
            ${CMAKE_CURRENT_LIST_DIR}/qpdf-cxx20)
    endif()
endif()
if(SOHOA_WERROR)
    target_compile_options(sohoa_common_config INTERFACE -Werror)
endif()
if(SOHOA_SANITIZE)
    target_compile_options(sohoa_common_config INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(sohoa_common_config INTERFACE -fsanitize=address,undefined)
    target_compile_definitions(sohoa_common_config INTERFACE SOHOA_SANITIZE_BUILD)
endif()

# libFuzzer targets (fuzz/): clang only. Every library is compiled with coverage instrumentation for the
# fuzzer (-fsanitize=fuzzer-no-link); only the fuzz targets link libFuzzer's main. One clang build with
# SOHOA_SANITIZE and SOHOA_FUZZ serves both the sanitizer test run and the fuzzers.
if(SOHOA_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "SOHOA_FUZZ needs clang (CC=clang CXX=clang++)")
    endif()
    target_compile_options(sohoa_common_config INTERFACE -fsanitize=fuzzer-no-link)
    target_link_options(sohoa_common_config INTERFACE -fsanitize=fuzzer-no-link)
endif()
