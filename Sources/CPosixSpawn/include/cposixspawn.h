#ifndef HETAO_CPOSIXSPAWN_H
#define HETAO_CPOSIXSPAWN_H

#include <spawn.h>
#include <stddef.h>

/* A new pseudo-terminal: returns its master (close-on-exec) and writes the slave's path to
   `name`; -1 with errno set on failure. */
int hetao_open_pty(char *name, size_t length);

/* pipe2(fds, O_CLOEXEC). */
int hetao_pipe_cloexec(int fds[2]);

/* POSIX_SPAWN_SETSID: glibc declares it only with _GNU_SOURCE. */
short hetao_spawn_setsid_flag(void);

/* prctl(PR_SET_PDEATHSIG, signal): this process is sent `signal` when its parent dies. */
int hetao_die_with_parent(int signal);

/* Closes every descriptor from `lowest` up in the spawned process (glibc 2.34 and later, with
   _GNU_SOURCE): a session's process keeps nothing of its server's, sockets included. */
int hetao_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
