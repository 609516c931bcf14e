#define _GNU_SOURCE
#include "cposixspawn.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int hetao_open_pty(char *name, size_t length) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return -1;
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, length) != 0) {
        close(master);
        return -1;
    }
    return master;
}

int hetao_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

short hetao_spawn_setsid_flag(void) { return POSIX_SPAWN_SETSID; }

int hetao_die_with_parent(int signal) { return prctl(PR_SET_PDEATHSIG, signal); }

int hetao_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}
