# Sourced by scripts/serve and scripts/test: use a virtual environment and install a lock into it.
#   ROADMAP_VENV   the environment (default: the active one if any, else .venv beside the project)
#   ROADMAP_LOCK   the lock to install (requirements/*.txt), or "newest" for the newest releases
#                  pyproject.toml allows (the workflow's scheduled job)
# A lock that is already installed (same file contents, same Python, this checkout as the project)
# is not installed again.

roadmap_lock_stamp() { # what an installed lock is known by: its contents, pyproject, Python, checkout
  echo "$(sha256sum "$1" pyproject.toml | sha256sum) $(python --version) $PWD"
}

roadmap_venv() {
  local lock="$1" venv="${ROADMAP_VENV:-${VIRTUAL_ENV:-.venv}}" stamp
  if [ ! -x "$venv/bin/python" ]; then
    echo "==> A virtual environment in $venv (python3 -m venv)"
    if ! python3 -m venv "$venv"; then
      cat >&2 <<'MSG'
Could not make a virtual environment with `python3 -m venv`. Install Python's venv module, then run
this command again:
  Debian/Ubuntu:  sudo apt-get install python3-venv
or make and activate one yourself (any Python 3.11+), and this command will use it.
MSG
      exit 1
    fi
  fi
  # shellcheck disable=SC1091 # made above
  . "$venv/bin/activate"
  export PIP_DISABLE_PIP_VERSION_CHECK=1
  if ! python -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "Python 3.11 or newer is needed; $venv has $(python --version)." >&2
    exit 1
  fi
  stamp="$venv/.roadmap-lock"
  if [ "$lock" = newest ]; then
    echo "==> The newest releases pyproject.toml allows (no lock)"
    python -m pip install --quiet --upgrade --upgrade-strategy eager -e ".[test]"
    rm -f "$stamp"
  elif [ "$(cat "$stamp" 2>/dev/null)" != "$(roadmap_lock_stamp "$lock")" ]; then
    echo "==> Python packages from $lock (exact versions, hashes checked)"
    python -m pip install --quiet --require-hashes -r "$lock"
    python -m pip install --quiet --no-deps --no-build-isolation -e .
    roadmap_lock_stamp "$lock" >"$stamp"
  fi
}
