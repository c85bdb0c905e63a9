# SPDX-License-Identifier: Apache-2.0
# Version control of /etc (etckeeper, git, hg, bzr): the directories that exist and, for git,
# "last EPOCH" (the last commit's time) and "changes N" (uncommitted changes, untracked files
# included). Read-only: no optional locks (git status would otherwise refresh and write the
# index), no fsmonitor or untracked cache, submodules ignored. Root: etckeeper's .git is 0700.
# flags: root
fs_f_etc_vcs() {
  for d in /etc/.git /etc/.etckeeper /etc/.hg /etc/.bzr; do
    [ -e "$d" ] && echo "$d"
  done
  [ -e /etc/.git ] || return 0
  fs_need git || return 0
  GIT_OPTIONAL_LOCKS=0
  export GIT_OPTIONAL_LOCKS
  unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_CONFIG_PARAMETERS
  fs_run 0 git --no-optional-locks -c core.fsmonitor=false -c core.untrackedCache=false \
    -C /etc log -1 --format=%ct | fs_sed 's/^/last /'
  fs_run 0 git --no-optional-locks -c core.fsmonitor=false -c core.untrackedCache=false \
    -C /etc status --porcelain --ignore-submodules=all | fs_awk 'END { print "changes " NR }'
  return 0
}
