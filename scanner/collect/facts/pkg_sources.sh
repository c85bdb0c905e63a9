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
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      fs_safe "$f" || continue
      echo "list $f"
      fs_grep -hEi 'trusted|allow-insecure|allow-weak|allow-downgrade' "$f" | fs_sed 's/^/| /'
    done
    for f in /etc/apt/sources.list.d/*.sources; do
      fs_safe "$f" || continue
      echo "deb822 $f"
      fs_grep -hEi '^[[:space:]]*$|^(enabled|trusted|allow-[a-z-]*|uris)[[:space:]]*:' "$f" |
        fs_sed 's/^/| /'
    done
    for f in /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do
      fs_safe "$f" || continue
      echo "conf $f"
      fs_grep -hEi 'AllowUnauthenticated|AllowInsecureRepositories' "$f" | fs_sed 's/^/| /'
    done
  fi
  if [ -d /etc/yum.repos.d ]; then
    echo '# yum'
    for f in /etc/yum.repos.d/*.repo /etc/yum.conf /etc/dnf/dnf.conf; do
      fs_safe "$f" || continue
      echo "repo $f"
      fs_grep -hEi '^[[:space:]]*(\[|enabled[[:space:]]*=|gpgcheck[[:space:]]*=)' "$f" |
        fs_sed 's/^/| /'
    done
  fi
  return 0
}
