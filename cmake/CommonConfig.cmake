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
target_compile_options(sohoa_common_config INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local -Wno-missing-field-initializers)
if(SOHOA_WERROR)
    target_compile_options(sohoa_common_config INTERFACE -Werror)
endif()
if(SOHOA_SANITIZE)
    target_compile_options(sohoa_common_config INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(sohoa_common_config INTERFACE -fsanitize=address,undefined)
    target_compile_definitions(sohoa_common_config INTERFACE SOHOA_SANITIZE_BUILD)
endif()
