// LD_PRELOAD shim for ConcurrencySoakIT: delays a tmux client's second file-descriptor-carrying sendmsg (its
// MSG_IDENTIFY_STDOUT and the identify messages after it) by SLOWIDENT_MS (default 20), widening the window
// in which tmux 3.2a-3.6b have marked the client a control client but not yet created its control state.
// With SLOWEXIT_MS set, a client also lingers that long before its socket closes, as a client process the
// scheduler did not run for a while would. Changes only timing, never what is sent.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static int fdmsgs;

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags) {
  static ssize_t (*real)(int, const struct msghdr *, int);
  if (!real) {
    real = (ssize_t (*)(int, const struct msghdr *, int)) dlsym(RTLD_NEXT, "sendmsg");
  }
  if (msg->msg_controllen > 0 && ++fdmsgs == 2) {
    const char *ms = getenv("SLOWIDENT_MS");
    usleep((ms ? atoi(ms) : 20) * 1000);
  }
  return real(fd, msg, flags);
}

__attribute__((destructor)) static void slowexit(void) {
  const char *ms = getenv("SLOWEXIT_MS");
  if (ms) {
    usleep(atoi(ms) * 1000);
  }
}
