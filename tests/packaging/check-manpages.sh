#!/usr/bin/env bash
# The man pages say what the programs do: every command and option in the help of sohoa-cli (and of
# each of its commands) and of sohoa is in sohoa-cli(1) / sohoa(1), every option the pages describe
# still exists, and man renders both pages without a warning (as lintian checks them).
# Usage: check-manpages.sh SOHOA_CLI SOHOA MAN_DIR
set -euo pipefail
cli=$1 gui=$2 man_dir=$3
status=0
fail() { printf 'FAIL: %s\n' "$*"; status=1; }
for tool in man groff grep sed; do command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed"; exit 1; }; done

# The options of a page, from its troff source: \- is a hyphen; font escapes go.
page_options() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$1" | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u; }
help_options() { grep -oE -- '--[a-z][a-z0-9-]*' | sort -u; }
# Options in a program's help but not in its page, and in the page but no longer in the program.
compare_options() {
    local program=$1 help_opts=$2 page=$3 page_opts missing stale
    page_opts=$(page_options "$page")
    missing=$(comm -23 <(echo "$help_opts") <(echo "$page_opts"))
    stale=$(comm -13 <(echo "$help_opts") <(echo "$page_opts"))
    [ -z "$missing" ] || fail "options in $program's help but not in $program(1): $(echo $missing)"
    [ -z "$stale" ] || fail "options in $program(1) that $program no longer has: $(echo $stale)"
}

# sohoa-cli: the commands of its overview, then each command's own help. The page is read once into a
# variable: `sed page | grep -q` under pipefail fails at random when grep stops early and sed gets SIGPIPE.
cli_page=$(sed -e 's/\\-/-/g' "$man_dir/sohoa-cli.1")
overview=$("$cli" --help)
commands=$(sed -n '/^Commands:/,/^$/p' <<<"$overview" | grep -E '^  [a-z]' | while read -r line; do
    set -- $line
    words=$1
    if [[ ${2:-} =~ ^[a-z][a-z|-]*$ ]]; then
        for sub in ${2//|/ }; do echo "$words $sub"; done
    else
        echo "$words"
    fi
done | sort -u)
[ "$(wc -l <<<"$commands")" -ge 20 ] || fail "found only $(wc -l <<<"$commands") commands in sohoa-cli --help"
all_help=$overview
for cmd in $(tr ' ' '_' <<<"$commands"); do
    cmd=${cmd//_/ }
    # shellcheck disable=SC2086
    help=$("$cli" $cmd --help 2>&1) || { fail "sohoa-cli $cmd --help failed: $help"; continue; }
    all_help+=$'\n'"$help"
    first=${cmd%% *} rest=${cmd#* }
    if [ "$first" = "$cmd" ]; then
        grep -qE "^\.SS \"?$first( |\"|$)" <<<"$cli_page" || fail "sohoa-cli(1) has no section for '$cmd'"
    else
        grep -E "^\.SS \"?$first " <<<"$cli_page" | grep -E "[ |]$rest([ |\"]|$)" >/dev/null \
            || fail "sohoa-cli(1) has no section for '$cmd'"
    fi
done
cli_help_opts=$(help_options <<<"$all_help")
compare_options sohoa-cli "$cli_help_opts" "$man_dir/sohoa-cli.1"
echo "sohoa-cli: $(wc -l <<<"$commands") commands, $(wc -l <<<"$cli_help_opts") options checked"

gui_help=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$gui" --help) || fail "sohoa --help needs a display"
gui_help_opts=$(help_options <<<"$gui_help")
compare_options sohoa "$gui_help_opts" "$man_dir/sohoa.1"
echo "sohoa: $(wc -l <<<"$gui_help_opts") options checked"

for page in "$man_dir/sohoa.1" "$man_dir/sohoa-cli.1"; do
    warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || fail "man warns about $page: $warnings"
    grep -q "@PROJECT_VERSION@" "$page" && fail "$page was not configured"
done
exit $status
