# SPDX-License-Identifier: Apache-2.0
# The lines of the package source configuration that can turn signature checks off, each file
# named first and its lines prefixed "| " (file text cannot forge a marker): apt one-line
# sources ("list PATH": lines with trusted/allow-insecure/allow-weak, comments included),
# deb822 sources ("deb822 PATH": blank lines and the Enabled, Trusted, Allow-* and URIs fields),
# apt.conf ("conf PATH": AllowUnauthenticated, AllowInsecureRepositories), yum/dnf ("repo PATH":
# [sections], enabled=, gpgcheck=). The check judges comments, stanzas and sections.
# flags:
fs_f_pkg_sources() {
  if [ -d /etc/apt ]; then
    echo '# apt'
    set --
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      fs_safe "$f" && set -- "$@" "$f"
    done
    fs_grep_each list 'trusted|allow-insecure|allow-weak|allow-downgrade' "$@"
    set --
    for f in /etc/apt/sources.list.d/*.sources; do
      fs_safe "$f" && set -- "$@" "$f"
    done
    fs_grep_each deb822 '^[[:space:]]*$|^(enabled|trusted|allow-[a-z-]*|uris)[[:space:]]*:' "$@"
    set --
    for f in /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do
      fs_safe "$f" && set -- "$@" "$f"
    done
    fs_grep_each conf 'AllowUnauthenticated|AllowInsecureRepositories' "$@"
  fi
  if [ -d /etc/yum.repos.d ]; then
    echo '# yum'
    set --
    for f in /etc/yum.repos.d/*.repo /etc/yum.conf /etc/dnf/dnf.conf; do
      fs_safe "$f" && set -- "$@" "$f"
    done
    fs_grep_each repo '^[[:space:]]*([[]|enabled[[:space:]]*=|gpgcheck[[:space:]]*=)' "$@"
  fi
  return 0
}
