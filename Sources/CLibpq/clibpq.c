#include "clibpq.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct hetao_pq library;
static const struct hetao_pq *loaded;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(failure, sizeof failure, "%s", dlerror());
        return;
    }
#define FIND(field, symbol)                                                         \
    do {                                                                            \
        *(void **)&library.field = dlsym(handle, symbol);                           \
        if (!library.field) {                                                       \
            snprintf(failure, sizeof failure, "libpq.so.5 lacks %s", symbol);       \
            return;                                                                 \
        }                                                                           \
    } while (0)
    FIND(connectdb, "PQconnectdb");
    FIND(status, "PQstatus");
    FIND(errorMessage, "PQerrorMessage");
    FIND(finish, "PQfinish");
    FIND(reset, "PQreset");
    FIND(exec, "PQexec");
    FIND(execParams, "PQexecParams");
    FIND(resultStatus, "PQresultStatus");
    FIND(resultErrorField, "PQresultErrorField");
    FIND(ntuples, "PQntuples");
    FIND(nfields, "PQnfields");
    FIND(getvalue, "PQgetvalue");
    FIND(getisnull, "PQgetisnull");
    FIND(getlength, "PQgetlength");
    FIND(clear, "PQclear");
    FIND(socket, "PQsocket");
    FIND(consumeInput, "PQconsumeInput");
    FIND(notifies, "PQnotifies");
    FIND(freemem, "PQfreemem");
    FIND(putCopyData, "PQputCopyData");
    FIND(putCopyEnd, "PQputCopyEnd");
    FIND(getResult, "PQgetResult");
    FIND(setNoticeProcessor, "PQsetNoticeProcessor");
    FIND(fname, "PQfname");
    FIND(ftype, "PQftype");
#undef FIND
    loaded = &library;
}

static void ignore(void *arg, const char *message) {
    (void)arg;
    (void)message;
}

void hetao_pq_silence(const struct hetao_pq *pq, PGconn *conn) {
    if (pq && conn) pq->setNoticeProcessor(conn, ignore, NULL);
}

const struct hetao_pq *hetao_pq_load(char *error, size_t size) {
    pthread_once(&once, load);
    if (!loaded && error && size) snprintf(error, size, "%s", failure);
    return loaded;
}
