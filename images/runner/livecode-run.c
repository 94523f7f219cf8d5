/*
 * livecode-run: the in-container runner shared by every language image, run as the container's init (pid 1).
 *
 * Usage: livecode-run [--idle SECONDS] --deadline SECONDS <sourcePath> <compileCommand or ""> <runCommand...>
 *
 * stdin: "<source byte length> <stdin byte length> <nonce>\n", the source, the program's stdin, and then nothing
 * more: the worker keeps its end open for as long as it wants the run to go on.
 * --idle: how long the first byte of stdin may take (a warm container waiting for its run); without it, no bound.
 * --deadline: counted from that first byte, when everything of the run is killed (a second line behind the
 * worker's own time limit).
 * stdout: one marker byte before anything else: C (compilation failed) or R (the program starts now). The marker
 * is written before any user code runs, so a program cannot forge it.
 * The run's end: once the program and everything it started are gone (so nothing can write after them),
 * "\036<nonce> end\n" goes to stderr, then the report to stdout:
 * "\036<nonce> <cpu ns> <peak memory bytes> <processes the cgroup's OOM killer killed> <exit status>\n"
 * (each "-" where unknown), read from the container's cgroup. The nonce (never shown to the program) tells them
 * from a forgery; having both, the worker has every byte of both streams and the outcome.
 * Its worker gone (its side of stdin closed), the run ends at once: nothing of a run taken over by another worker,
 * on any engine, goes on beside the new one.
 *
 * Why pid 1: every process of the run is its descendant or, orphaned, reparented to it, so it reaps them all and
 * knows when none is left; one kill(-1) ends them all; and the kernel delivers no signal to a namespace's init
 * from inside it unless the init handles that signal, so the program (same uid) cannot stop or kill its runner.
 * Exit statuses of its own: 125 (it could not start the run: usage, header, /tmp) and 137 (the deadline passed,
 * or the worker went away).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STDIN_PATH "/tmp/.livecode-stdin"
#define HEADER_MAX 256
#define NONCE_MAX 128
#define STATUS_CANNOT_START 125
#define STATUS_KILLED 137

static char buffer[65536];
static size_t buffered, taken;
/* CLOCK_MONOTONIC ms of the deadline; 0 until the first byte of stdin came. */
static long long deadline_at;
static long long deadline_ms;

static long long now_ms(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static void say(const char *format, ...) {
  char line[512];
  va_list args;
  va_start(args, format);
  int length = vsnprintf(line, sizeof line, format, args);
  va_end(args);
  if (length > 0) (void)!write(2, line, (size_t)length < sizeof line ? (size_t)length : sizeof line - 1);
}

/* False when a write fails (for the worker's streams: it is gone, nobody reads this any more). */
static int write_all(int fd, const char *data, size_t length) {
  while (length > 0) {
    ssize_t written = write(fd, data, length);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return 0;
    data += written;
    length -= (size_t)written;
  }
  return 1;
}

/* Ends every other process of the container; as pid 1 this is all of them. The kernel ends them too once pid 1
 * exits, but only after: here they are gone first. */
static _Noreturn void end_all_and_exit(int status) {
  kill(-1, SIGKILL);
  _exit(status);
}

static void on_child(int signal) { (void)signal; }

/* Waits for stdin to be readable or the deadline to pass, SIGCHLD waking it (a child to reap). Returns the
 * poll result: > 0 readable, 0 woken without input. The deadline passed ends the run. */
static int wait_for_stdin(long long idle_ms) {
  sigset_t unblocked;
  sigemptyset(&unblocked);
  struct pollfd in = {.fd = 0, .events = POLLIN};
  struct timespec timeout, *bound = NULL;
  long long left = deadline_at ? deadline_at - now_ms() : idle_ms;
  if (deadline_at && left <= 0) end_all_and_exit(STATUS_KILLED);
  if (left >= 0) {
    timeout.tv_sec = left / 1000;
    timeout.tv_nsec = (left % 1000) * 1000000;
    bound = &timeout;
  }
  int ready = ppoll(&in, 1, bound, &unblocked);
  if (ready < 0) return 0; /* EINTR: SIGCHLD */
  if (ready == 0 && !deadline_at) {
    say("livecode-run: no run came within the idle bound\n");
    _exit(STATUS_CANNOT_START);
  }
  if (ready == 0) end_all_and_exit(STATUS_KILLED);
  return ready;
}

/* Refills the buffer from stdin; 0 at its end. The first byte starts the deadline. */
static size_t fill(long long idle_ms) {
  for (;;) {
    if (wait_for_stdin(idle_ms) == 0) continue;
    ssize_t got = read(0, buffer, sizeof buffer);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got <= 0) return 0;
    if (!deadline_at) deadline_at = now_ms() + deadline_ms;
    buffered = (size_t)got;
    taken = 0;
    return buffered;
  }
}

/* Copies exactly `length` bytes of stdin to `fd`; false when stdin ends first or the write fails. */
static int copy_stdin(int fd, unsigned long long length) {
  while (length > 0) {
    if (taken == buffered && fill(-1) == 0) return 0;
    size_t chunk = buffered - taken;
    if (chunk > length) chunk = (size_t)length;
    if (!write_all(fd, buffer + taken, chunk)) return 0;
    taken += chunk;
    length -= chunk;
  }
  return 1;
}

static int parse_length(const char *text, unsigned long long *length) {
  if (*text == '\0' || strspn(text, "0123456789") != strlen(text) || strlen(text) > 18) return 0;
  *length = strtoull(text, NULL, 10);
  return 1;
}

/* The header line, split; exits 125 when it is missing or malformed. */
static void read_header(long long idle_ms, unsigned long long *source_length, unsigned long long *stdin_length,
                        char *nonce) {
  char line[HEADER_MAX];
  size_t length = 0;
  for (;;) {
    if (taken == buffered && fill(idle_ms) == 0) {
      say("livecode-run: missing header\n");
      _exit(STATUS_CANNOT_START);
    }
    char byte = buffer[taken++];
    if (byte == '\n') break;
    if (length == sizeof line - 1) {
      say("livecode-run: bad header\n");
      _exit(STATUS_CANNOT_START);
    }
    line[length++] = byte;
  }
  line[length] = '\0';
  char *fields[3];
  char *rest = line;
  for (int i = 0; i < 3; i++) fields[i] = strsep(&rest, " ");
  if (!fields[1] || !fields[2] || rest || !parse_length(fields[0], source_length) ||
      !parse_length(fields[1], stdin_length) || *fields[2] == '\0' || strlen(fields[2]) >= NONCE_MAX ||
      strspn(fields[2], "0123456789abcdef") != strlen(fields[2])) {
    say("livecode-run: bad header\n");
    _exit(STATUS_CANNOT_START);
  }
  strcpy(nonce, fields[2]);
}

/* What the program reads as its stdin: the given bytes, from a file already unlinked, or /dev/null. */
static int program_stdin(unsigned long long length) {
  if (length == 0) return open("/dev/null", O_RDONLY | O_CLOEXEC);
  int file = open(STDIN_PATH, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (file < 0 || !copy_stdin(file, length)) {
    say("livecode-run: cannot write the stdin\n");
    _exit(STATUS_CANNOT_START);
  }
  unlink(STDIN_PATH);
  lseek(file, 0, SEEK_SET);
  return file;
}

/* Starts argv with the given stdin and stdout (-1: the runner's own), as a plain process: signals as default. */
static pid_t start(char *const argv[], int in, int out) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  signal(SIGPIPE, SIG_DFL);
  signal(SIGCHLD, SIG_DFL);
  if (dup2(in, 0) < 0 || (out >= 0 && dup2(out, 1) < 0)) _exit(STATUS_CANNOT_START);
  execvp(argv[0], argv);
  say("livecode-run: cannot run %s: %s\n", argv[0], strerror(errno));
  _exit(127);
}

static int exit_status(int wait_status) {
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return WEXITSTATUS(wait_status);
}

/* Reaps every child that has ended; true once `pid` is among them (its status in *status). */
static int reap(pid_t pid, int *status) {
  int found = 0, wait_status;
  pid_t ended;
  while ((ended = waitpid(-1, &wait_status, WNOHANG)) > 0)
    if (ended == pid) {
      *status = exit_status(wait_status);
      found = 1;
    }
  return found;
}

/* Waits for `pid` to end, reaping orphans meanwhile; the worker going away (stdin's end) ends everything. */
static int wait_for(pid_t pid) {
  int status;
  if (pid < 0) {
    say("livecode-run: cannot start a process: %s\n", strerror(errno));
    return STATUS_CANNOT_START;
  }
  while (!reap(pid, &status)) {
    if (wait_for_stdin(-1) == 0) continue;
    ssize_t got = read(0, buffer, sizeof buffer); /* nothing more is expected: only its end matters */
    if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) end_all_and_exit(STATUS_KILLED);
  }
  return status;
}

/* Kills what is left of the run and reaps it, until no process but this one is left. */
static void end_the_rest(void) {
  for (;;) {
    kill(-1, SIGKILL);
    pid_t ended = waitpid(-1, NULL, 0);
    if (ended < 0 && errno == ECHILD) return;
    if (deadline_at && now_ms() > deadline_at) end_all_and_exit(STATUS_KILLED);
  }
}

/* The first line of `path` that starts with `key` and a space: its value; or the whole first line if key is NULL. */
static int read_value(const char *path, const char *key, char *value, size_t size) {
  FILE *file = fopen(path, "re");
  if (!file) return 0;
  char line[256];
  int found = 0;
  size_t key_length = key ? strlen(key) : 0;
  while (!found && fgets(line, sizeof line, file)) {
    if (key && (strncmp(line, key, key_length) != 0 || line[key_length] != ' ')) continue;
    const char *start = key ? line + key_length + 1 : line;
    size_t length = strcspn(start, "\n");
    if (length == 0 || length >= size || strspn(start, "0123456789") != length) break;
    memcpy(value, start, length);
    value[length] = '\0';
    found = 1;
  }
  fclose(file);
  return found;
}

static _Noreturn void report_end(const char *nonce, int status) {
  end_the_rest();
  char cpu_ns[40] = "-", peak_bytes[32] = "-", oom_kills[32] = "-";
  /* The OOM killer's own count: evidence of memory_limit where the engine's OOMKilled flag misses it (cgroup v1
   * can lose the event when the killed process is not the container's main one). */
  const char *oom_events = "/sys/fs/cgroup/memory.events";
  if (access("/sys/fs/cgroup/cpuacct/cpuacct.usage", R_OK) == 0) {
    /* cgroup v1 (memory and cpuacct hierarchies) */
    read_value("/sys/fs/cgroup/cpuacct/cpuacct.usage", NULL, cpu_ns, sizeof cpu_ns);
    read_value("/sys/fs/cgroup/memory/memory.max_usage_in_bytes", NULL, peak_bytes, sizeof peak_bytes);
    oom_events = "/sys/fs/cgroup/memory/memory.oom_control";
  } else if (read_value("/sys/fs/cgroup/cpu.stat", "usage_usec", cpu_ns, sizeof cpu_ns - 3)) {
    /* cgroup v2 (memory.peak needs Linux 5.19) */
    strcat(cpu_ns, "000");
    read_value("/sys/fs/cgroup/memory.peak", NULL, peak_bytes, sizeof peak_bytes);
  }
  read_value(oom_events, "oom_kill", oom_kills, sizeof oom_kills);
  char line[256];
  int length = snprintf(line, sizeof line, "\036%s end\n", nonce);
  write_all(2, line, (size_t)length);
  length = snprintf(line, sizeof line, "\036%s %s %s %s %d\n", nonce, cpu_ns, peak_bytes, oom_kills, status);
  write_all(1, line, (size_t)length);
  _exit(status);
}

static long long seconds_option(const char *name, const char *value) {
  unsigned long long seconds;
  if (!value || !parse_length(value, &seconds) || seconds == 0) {
    say("livecode-run: %s takes a whole number of seconds\n", name);
    _exit(STATUS_CANNOT_START);
  }
  return (long long)seconds * 1000;
}

int main(int argc, char **argv) {
  long long idle_ms = -1;
  int arg = 1;
  for (; arg + 1 < argc && strncmp(argv[arg], "--", 2) == 0; arg += 2) {
    if (strcmp(argv[arg], "--idle") == 0) idle_ms = seconds_option("--idle", argv[arg + 1]);
    else if (strcmp(argv[arg], "--deadline") == 0) deadline_ms = seconds_option("--deadline", argv[arg + 1]);
    else break;
  }
  if (argc - arg < 3 || deadline_ms == 0) {
    say("livecode-run: usage: livecode-run [--idle SECONDS] --deadline SECONDS <sourcePath> <compileCommand> "
        "<runCommand...>\n");
    return STATUS_CANNOT_START;
  }
  if (getpid() != 1) {
    say("livecode-run: must be the container's init (pid 1): run the container without an init of its own\n");
    return STATUS_CANNOT_START;
  }
  const char *source_path = argv[arg];
  const char *compile_command = argv[arg + 1];
  char **run_command = argv + arg + 2;

  /* SIGCHLD stays blocked but while waiting in ppoll, which it then wakes; a write to a closed stream fails
   * with EPIPE rather than a signal. */
  sigset_t child;
  sigemptyset(&child);
  sigaddset(&child, SIGCHLD);
  sigprocmask(SIG_BLOCK, &child, NULL);
  struct sigaction on_chld = {.sa_handler = on_child, .sa_flags = SA_NOCLDSTOP};
  sigaction(SIGCHLD, &on_chld, NULL);
  signal(SIGPIPE, SIG_IGN);

  unsigned long long source_length, stdin_length;
  char nonce[NONCE_MAX];
  read_header(idle_ms, &source_length, &stdin_length, nonce);
  int source = open(source_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (source < 0 || !copy_stdin(source, source_length) || close(source) != 0) {
    say("livecode-run: cannot write the source\n");
    return STATUS_CANNOT_START;
  }
  int input = program_stdin(stdin_length);
  int nothing = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (input < 0 || nothing < 0) {
    say("livecode-run: cannot open /dev/null\n");
    return STATUS_CANNOT_START;
  }

  if (*compile_command) {
    /* The compiler must not eat the program's stdin, and its chatter belongs on stderr. */
    char *compile[] = {"sh", "-c", (char *)compile_command, NULL};
    int status = wait_for(start(compile, nothing, 2));
    if (status != 0) {
      write_all(1, "C", 1);
      report_end(nonce, status);
    }
  }
  write_all(1, "R", 1);
  report_end(nonce, wait_for(start(run_command, input, -1)));
}
