#ifndef HETAO_CLIBPQ_H
#define HETAO_CLIBPQ_H

#include <stddef.h>

/* libpq's client interface, as far as hetao uses it, declared here rather than taken from
   libpq-fe.h: the library is opened at run time (dlopen), only by a user whose store is on
   PostgreSQL, so neither building hetao nor starting it with SQLite needs libpq. These
   declarations are libpq's stable ABI (soname libpq.so.5). */

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

typedef struct pgNotify {
    char *relname;
    int be_pid;
    char *extra;
    struct pgNotify *next;
} PGnotify;

enum {
    HETAO_CONNECTION_OK = 0,
    HETAO_PGRES_EMPTY_QUERY = 0,
    HETAO_PGRES_COMMAND_OK = 1,
    HETAO_PGRES_TUPLES_OK = 2,
    HETAO_PGRES_COPY_IN = 4,
    HETAO_PG_DIAG_SQLSTATE = 'C',
    HETAO_PG_DIAG_MESSAGE_PRIMARY = 'M',
    HETAO_PG_DIAG_MESSAGE_DETAIL = 'D',
    HETAO_PG_DIAG_CONSTRAINT_NAME = 'n',
};

struct hetao_pq {
    PGconn *(*connectdb)(const char *conninfo);
    int (*status)(const PGconn *conn);
    char *(*errorMessage)(const PGconn *conn);
    void (*finish)(PGconn *conn);
    void (*reset)(PGconn *conn);
    PGresult *(*exec)(PGconn *conn, const char *query);
    PGresult *(*execParams)(PGconn *conn, const char *command, int nParams, const unsigned int *paramTypes,
                            const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                            int resultFormat);
    int (*resultStatus)(const PGresult *res);
    char *(*resultErrorField)(const PGresult *res, int fieldcode);
    int (*ntuples)(const PGresult *res);
    int (*nfields)(const PGresult *res);
    char *(*getvalue)(const PGresult *res, int row, int column);
    int (*getisnull)(const PGresult *res, int row, int column);
    int (*getlength)(const PGresult *res, int row, int column);
    void (*clear)(PGresult *res);
    int (*socket)(const PGconn *conn);
    int (*consumeInput)(PGconn *conn);
    PGnotify *(*notifies)(PGconn *conn);
    void (*freemem)(void *ptr);
    int (*putCopyData)(PGconn *conn, const char *buffer, int nbytes);
    int (*putCopyEnd)(PGconn *conn, const char *errormsg);
    PGresult *(*getResult)(PGconn *conn);
    void *(*setNoticeProcessor)(PGconn *conn, void (*processor)(void *arg, const char *message), void *arg);
    char *(*fname)(const PGresult *res, int column);
    unsigned int (*ftype)(const PGresult *res, int column);
};

/* Keeps libpq from writing the server's notices and asynchronous errors ("terminating
   connection due to administrator command") to standard error: on a dashboard that is the
   terminal, under the screen ncurses keeps. */
void hetao_pq_silence(const struct hetao_pq *pq, PGconn *conn);

/* libpq.so.5, opened once; NULL when it cannot be, with the reason in `error`. */
const struct hetao_pq *hetao_pq_load(char *error, size_t size);

#endif
