/*
 * livecode-run: the in-container runner shared by every language image, run as the container's init (pid 1).
 *
 * Usage: livecode-run [--idle SECONDS] --deadline SECONDS <sourcePath> <compileCommand or ""> <runCommand...>
 *
 * stdin: "<source byte length> <stdin byte length> <nonce> <case count> <interactive: 0 or 1>\n", the source, the
 * program's stdin, and then nothing more: the worker keeps its end open for as long as it wants the run to go on.
 * Interactive runs: the program's stdin is a pipe, filled with the stdin given and then with what the worker
 * sends while the program runs, as frames "<byte length>\n<bytes>"; a frame of length 0 closes it (end of file).
 * Judged runs (case count > 0, stdin length 0): after the source, each case as "<stdin byte length> <time limit
 * ms> <output cap bytes>\n" and its stdin. The program is compiled once, then run once per case, each its own
 * process with its own stdin, time limit and output, which the runner forwards (at most the cap of each stream)
 * between "\036<nonce> case <index>\n" lines on both streams; once the case and everything it started are gone,
 * stdout gets "\036<nonce> verdict <index> <exit status> <flags> <wall ms> <cpu ns> <peak bytes> <oom kills>\n"
 * (flags: t = its time limit passed, o / e = its stdout / stderr went past the cap, - = none; "-" where
 * unknown), and the next case starts. After the last, the run ends as any run does, with status 0.
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
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STDIN_PATH "/tmp/.livecode-stdin"
#define HEADER_MAX 256
#define NONCE_MAX 128
#define CASES_MAX 1024
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

/* One line of stdin (without its newline) into `line`; exits 125 when stdin ends first or the line is too long. */
static void read_line(long long idle_ms, char *line, size_t size, const char *what) {
  size_t length = 0;
  for (;;) {
    if (taken == buffered && fill(idle_ms) == 0) {
      say("livecode-run: missing %s\n", what);
      _exit(STATUS_CANNOT_START);
    }
    char byte = buffer[taken++];
    if (byte == '\n') break;
    if (length == size - 1) {
      say("livecode-run: bad %s\n", what);
      _exit(STATUS_CANNOT_START);
    }
    line[length++] = byte;
  }
  line[length] = '\0';
}

/* Splits `line` at spaces into exactly `count` fields; false when there are more or fewer. */
static int split_fields(char *line, char **fields, int count) {
  char *rest = line;
  for (int i = 0; i < count; i++) fields[i] = strsep(&rest, " ");
  for (int i = 0; i < count; i++)
    if (!fields[i]) return 0;
  return rest == NULL;
}

/* The header line, split; exits 125 when it is missing or malformed. */
static void read_header(long long idle_ms, unsigned long long *source_length, unsigned long long *stdin_length,
                        char *nonce, unsigned long long *cases, int *interactive) {
  char line[HEADER_MAX];
  read_line(idle_ms, line, sizeof line, "header");
  char *fields[5];
  if (!split_fields(line, fields, 5) || !parse_length(fields[0], source_length) ||
      !parse_length(fields[1], stdin_length) || *fields[2] == '\0' || strlen(fields[2]) >= NONCE_MAX ||
      strspn(fields[2], "0123456789abcdef") != strlen(fields[2]) || !parse_length(fields[3], cases) ||
      *cases > CASES_MAX || (*cases > 0 && *stdin_length > 0) || (strcmp(fields[4], "0") != 0 && strcmp(fields[4], "1") != 0) ||
      (*cases > 0 && fields[4][0] == '1')) {
    say("livecode-run: bad header\n");
    _exit(STATUS_CANNOT_START);
  }
  strcpy(nonce, fields[2]);
  *interactive = fields[4][0] == '1';
}

/* What the program reads as its stdin: the given bytes, from a file already unlinked, or /dev/null. */
static int program_stdin(unsigned long long length) {
  if (length == 0) return open("/dev/null", O_RDONLY | O_CLOEXEC);
  int file = open(STDIN_PATH, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  /* Unlinked at once: the next case's stdin takes the same name, and the program cannot reach any case's. */
  unlink(STDIN_PATH);
  if (file < 0 || !copy_stdin(file, length)) {
    say("livecode-run: cannot write the stdin\n");
    _exit(STATUS_CANNOT_START);
  }
  lseek(file, 0, SEEK_SET);
  return file;
}

/* An interactive run's input on its way to the program: what came from the worker and is not yet written. */
static int interactive;
static char *pending;
static size_t pending_length, pending_size;
/* The worker's frames as they are parsed: the length line being read, or the bytes of a frame still to come. */
static unsigned long long frame_left, length_read;
static int reading_length = 1, length_digits, eof_asked;

static void queue_input(const char *data, size_t length) {
  if (pending_length + length > pending_size) {
    size_t size = pending_size ? pending_size : 65536;
    while (size < pending_length + length) size *= 2;
    char *grown = realloc(pending, size);
    if (!grown) end_all_and_exit(STATUS_CANNOT_START);
    pending = grown;
    pending_size = size;
  }
  memcpy(pending + pending_length, data, length);
  pending_length += length;
}

/* Takes the worker's frames out of what stdin brought (buffer[taken..buffered]) into the program's input. */
static void take_frames(void) {
  while (taken < buffered) {
    if (!reading_length) {
      size_t chunk = buffered - taken;
      if (chunk > frame_left) chunk = (size_t)frame_left;
      queue_input(buffer + taken, chunk);
      taken += chunk;
      frame_left -= chunk;
      if (frame_left == 0) reading_length = 1;
      continue;
    }
    char byte = buffer[taken++];
    if (byte == '\n' && length_digits > 0) {
      if (length_read == 0) eof_asked = 1;
      frame_left = length_read;
      reading_length = frame_left == 0;
      length_read = 0;
      length_digits = 0;
    } else if (byte >= '0' && byte <= '9' && length_digits < 18) {
      length_read = length_read * 10 + (unsigned long long)(byte - '0');
      length_digits++;
    } else {
      say("livecode-run: bad input frame\n");
      end_all_and_exit(STATUS_CANNOT_START);
    }
  }
}

/* Reads what stdin has: frames of an interactive run, nothing else of a batch one. Its end is the worker's. */
static void read_more_stdin(void) {
  ssize_t got = read(0, buffer, sizeof buffer);
  if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) end_all_and_exit(STATUS_KILLED);
  if (got < 0 || !interactive) return;
  buffered = (size_t)got;
  taken = 0;
  take_frames();
}

/* Starts argv with the given stdin, stdout and stderr (-1: the runner's own), as a plain process: signals as
 * default. */
static pid_t start(char *const argv[], int in, int out, int err) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  signal(SIGPIPE, SIG_DFL);
  signal(SIGCHLD, SIG_DFL);
  if (dup2(in, 0) < 0 || (out >= 0 && dup2(out, 1) < 0) || (err >= 0 && dup2(err, 2) < 0))
    _exit(STATUS_CANNOT_START);
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
    read_more_stdin();
  }
  return status;
}

/* Runs the program of an interactive run: its stdin a pipe fed from `pending` as the worker's frames come. */
static int run_interactive(char **run_command) {
  int in[2];
  if (pipe2(in, O_CLOEXEC) != 0) {
    say("livecode-run: cannot make the input pipe: %s\n", strerror(errno));
    return STATUS_CANNOT_START;
  }
  pid_t pid = start(run_command, in[0], -1, -1);
  close(in[0]);
  if (pid < 0) {
    say("livecode-run: cannot start a process: %s\n", strerror(errno));
    return STATUS_CANNOT_START;
  }
  int writer = in[1];
  fcntl(writer, F_SETFL, O_NONBLOCK);
  sigset_t unblocked;
  sigemptyset(&unblocked);
  int status;
  while (!reap(pid, &status)) {
    if (writer >= 0 && pending_length == 0 && eof_asked) {
      close(writer);
      writer = -1;
    }
    struct pollfd fds[2] = {{.fd = 0, .events = POLLIN},
                            {.fd = writer >= 0 && pending_length > 0 ? writer : -1, .events = POLLOUT}};
    long long left = deadline_at - now_ms();
    if (left <= 0) end_all_and_exit(STATUS_KILLED);
    struct timespec timeout = {.tv_sec = left / 1000, .tv_nsec = (left % 1000) * 1000000};
    if (ppoll(fds, 2, &timeout, &unblocked) <= 0) continue;
    if (fds[0].revents) read_more_stdin();
    if (fds[1].revents) {
      ssize_t written = write(writer, pending, pending_length);
      if (written > 0) {
        memmove(pending, pending + written, pending_length - (size_t)written);
        pending_length -= (size_t)written;
      } else if (written < 0 && errno != EAGAIN && errno != EINTR) {
        /* The program closed its stdin: what it did not read is dropped. */
        pending_length = 0;
        close(writer);
        writer = -1;
      }
    }
  }
  if (writer >= 0) close(writer);
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

struct cgroup_usage {
  char cpu_ns[40], peak_bytes[32], oom_kills[32];
};

/* What the container's cgroup counted so far, each "-" where unknown. */
static struct cgroup_usage read_cgroup_usage(void) {
  struct cgroup_usage usage = {"-", "-", "-"};
  /* The OOM killer's own count: evidence of memory_limit where the engine's OOMKilled flag misses it (cgroup v1
   * can lose the event when the killed process is not the container's main one). */
  const char *oom_events = "/sys/fs/cgroup/memory.events";
  if (access("/sys/fs/cgroup/cpuacct/cpuacct.usage", R_OK) == 0) {
    /* cgroup v1 (memory and cpuacct hierarchies) */
    read_value("/sys/fs/cgroup/cpuacct/cpuacct.usage", NULL, usage.cpu_ns, sizeof usage.cpu_ns);
    read_value("/sys/fs/cgroup/memory/memory.max_usage_in_bytes", NULL, usage.peak_bytes, sizeof usage.peak_bytes);
    oom_events = "/sys/fs/cgroup/memory/memory.oom_control";
  } else if (read_value("/sys/fs/cgroup/cpu.stat", "usage_usec", usage.cpu_ns, sizeof usage.cpu_ns - 3)) {
    /* cgroup v2 (memory.peak needs Linux 5.19) */
    strcat(usage.cpu_ns, "000");
    read_value("/sys/fs/cgroup/memory.peak", NULL, usage.peak_bytes, sizeof usage.peak_bytes);
  }
  read_value(oom_events, "oom_kill", usage.oom_kills, sizeof usage.oom_kills);
  return usage;
}

static _Noreturn void report_end(const char *nonce, int status) {
  end_the_rest();
  struct cgroup_usage usage = read_cgroup_usage();
  char line[256];
  int length = snprintf(line, sizeof line, "\036%s end\n", nonce);
  write_all(2, line, (size_t)length);
  length = snprintf(line, sizeof line, "\036%s %s %s %s %d\n", nonce, usage.cpu_ns, usage.peak_bytes,
                    usage.oom_kills, status);
  write_all(1, line, (size_t)length);
  _exit(status);
}

/* One test case of a judged run: its stdin (an unlinked file), time limit and per-stream output cap. */
struct judged_case {
  int input;
  long long time_ms;
  unsigned long long cap;
};

/* Reads every case's record before anything runs: what stdin brings later is only its end (the worker gone). */
static struct judged_case *read_cases(unsigned long long count) {
  struct judged_case *cases = calloc(count, sizeof *cases);
  if (!cases) {
    say("livecode-run: out of memory for the cases\n");
    _exit(STATUS_CANNOT_START);
  }
  for (unsigned long long i = 0; i < count; i++) {
    char line[HEADER_MAX];
    read_line(-1, line, sizeof line, "case header");
    char *fields[3];
    unsigned long long stdin_length, time_ms;
    if (!split_fields(line, fields, 3) || !parse_length(fields[0], &stdin_length) ||
        !parse_length(fields[1], &time_ms) || time_ms == 0 || !parse_length(fields[2], &cases[i].cap)) {
      say("livecode-run: bad case header\n");
      _exit(STATUS_CANNOT_START);
    }
    cases[i].time_ms = (long long)time_ms;
    cases[i].input = program_stdin(stdin_length);
  }
  return cases;
}

/* One output stream of a case: forwarded to the runner's own, up to the cap; the rest read and dropped. */
struct case_stream {
  int from, to;
  unsigned long long seen, cap;
};

static char output_buffer[65536];

/* Forwards what the stream has; false once it has ended (every writer gone). */
static int forward(struct case_stream *stream) {
  ssize_t got = read(stream->from, output_buffer, sizeof output_buffer);
  if (got < 0 && (errno == EINTR || errno == EAGAIN)) return 1;
  if (got <= 0) return 0;
  if (stream->seen < stream->cap) {
    unsigned long long room = stream->cap - stream->seen;
    size_t kept = (unsigned long long)got < room ? (size_t)got : (size_t)room;
    if (!write_all(stream->to, output_buffer, kept)) end_all_and_exit(STATUS_KILLED); /* the worker is gone */
  }
  stream->seen += (unsigned long long)got;
  return 1;
}

static long long cgroup_number(const char *value) { return strcmp(value, "-") == 0 ? -1 : atoll(value); }

/* Runs one case to its end and writes its verdict line: the program and everything it started are gone first. */
static void run_case(const char *nonce, unsigned index, const struct judged_case *judged, char **run_command) {
  char line[320];
  int length = snprintf(line, sizeof line, "\036%s case %u\n", nonce, index);
  if (!write_all(1, line, (size_t)length) || !write_all(2, line, (size_t)length)) end_all_and_exit(STATUS_KILLED);
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    say("livecode-run: cannot make the case's pipes: %s\n", strerror(errno));
    end_all_and_exit(STATUS_CANNOT_START);
  }
  struct case_stream streams[2] = {{out[0], 1, 0, judged->cap}, {err[0], 2, 0, judged->cap}};
  int open_streams[2] = {1, 1};
  struct cgroup_usage before = read_cgroup_usage();
  long long started = now_ms();
  long long case_deadline = started + judged->time_ms;
  pid_t pid = start(run_command, judged->input, out[1], err[1]);
  close(out[1]);
  close(err[1]);
  /* stopping: the case is over (its program ended, its time passed or its output overflowed), and every process
   * still there is killed again on each turn, so that none forked meanwhile outlives it. */
  int status = STATUS_CANNOT_START, ended = pid < 0, timed_out = 0, stopping = ended;
  long long wall_ms = 0;
  struct rusage usage = {0};
  if (pid < 0) say("livecode-run: cannot start a process: %s\n", strerror(errno));
  sigset_t unblocked;
  sigemptyset(&unblocked);
  while (!ended || open_streams[0] || open_streams[1]) {
    struct pollfd fds[3] = {{.fd = 0, .events = POLLIN},
                            {.fd = open_streams[0] ? out[0] : -1, .events = POLLIN},
                            {.fd = open_streams[1] ? err[0] : -1, .events = POLLIN}};
    long long now = now_ms();
    if (now >= deadline_at) end_all_and_exit(STATUS_KILLED);
    long long left = (stopping ? deadline_at : case_deadline) - now;
    if (left < 0) left = 0;
    struct timespec timeout = {.tv_sec = left / 1000, .tv_nsec = (left % 1000) * 1000000};
    int ready = ppoll(fds, 3, &timeout, &unblocked);
    if (!stopping && now_ms() >= case_deadline) timed_out = stopping = 1;
    int wait_status;
    struct rusage ended_usage;
    pid_t gone;
    while ((gone = wait4(-1, &wait_status, WNOHANG, &ended_usage)) > 0)
      if (gone == pid) {
        status = exit_status(wait_status);
        usage = ended_usage;
        wall_ms = now_ms() - started;
        ended = stopping = 1; /* what it left behind is killed: its output pipes then end */
      }
    if (ready > 0 && fds[0].revents) {
      ssize_t got = read(0, buffer, sizeof buffer); /* nothing more is expected: only its end matters */
      if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) end_all_and_exit(STATUS_KILLED);
    }
    for (int i = 0; ready > 0 && i < 2; i++) {
      if (!fds[i + 1].revents) continue;
      open_streams[i] = forward(&streams[i]);
      if (streams[i].seen > streams[i].cap) stopping = 1;
    }
    if (stopping) kill(-1, SIGKILL);
  }
  close(out[0]);
  close(err[0]);
  end_the_rest();
  struct cgroup_usage after = read_cgroup_usage();
  char cpu_ns[40], peak_bytes[32], oom_kills[32];
  long long cpu_before = cgroup_number(before.cpu_ns), cpu_after = cgroup_number(after.cpu_ns);
  if (cpu_before >= 0 && cpu_after >= cpu_before) snprintf(cpu_ns, sizeof cpu_ns, "%lld", cpu_after - cpu_before);
  else
    snprintf(cpu_ns, sizeof cpu_ns, "%lld",
             ((long long)usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000000LL +
                 ((long long)usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1000LL);
  /* Linux gives ru_maxrss in KiB: the largest resident set of the program (or a child it waited for). */
  if (usage.ru_maxrss > 0) snprintf(peak_bytes, sizeof peak_bytes, "%lld", (long long)usage.ru_maxrss * 1024);
  else strcpy(peak_bytes, "-");
  long long oom_before = cgroup_number(before.oom_kills), oom_after = cgroup_number(after.oom_kills);
  if (oom_before >= 0 && oom_after >= oom_before) snprintf(oom_kills, sizeof oom_kills, "%lld", oom_after - oom_before);
  else strcpy(oom_kills, "-");
  char flags[4] = "", *flag = flags;
  if (timed_out) *flag++ = 't';
  if (streams[0].seen > streams[0].cap) *flag++ = 'o';
  if (streams[1].seen > streams[1].cap) *flag++ = 'e';
  if (flag == flags) *flag++ = '-';
  *flag = '\0';
  if (!ended || wall_ms == 0) wall_ms = now_ms() - started;
  length = snprintf(line, sizeof line, "\036%s verdict %u %d %s %lld %s %s %s\n", nonce, index, status, flags,
                    wall_ms, cpu_ns, peak_bytes, oom_kills);
  if (!write_all(1, line, (size_t)length)) end_all_and_exit(STATUS_KILLED);
  close(judged->input);
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
  /* The program runs as the same user: without this it could read the runner's memory (/proc/1/mem), its nonce
   * among it, and forge the runner's lines, or open the runner's files (/proc/1/fd), other test cases' stdin among
   * them. Not dumpable, /proc/1 is root's. The programs it starts are dumpable again (execve resets it). */
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
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

  unsigned long long source_length, stdin_length, case_count;
  char nonce[NONCE_MAX];
  read_header(idle_ms, &source_length, &stdin_length, nonce, &case_count, &interactive);
  int source = open(source_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (source < 0 || !copy_stdin(source, source_length) || close(source) != 0) {
    say("livecode-run: cannot write the source\n");
    return STATUS_CANNOT_START;
  }
  int input = interactive ? -1 : program_stdin(stdin_length);
  if (interactive) {
    frame_left = stdin_length; /* the stdin given comes first, as one frame without its length line */
    reading_length = frame_left == 0;
    take_frames();
  }
  struct judged_case *cases = case_count > 0 ? read_cases(case_count) : NULL;
  int nothing = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if ((input < 0 && !interactive) || nothing < 0) {
    say("livecode-run: cannot open /dev/null\n");
    return STATUS_CANNOT_START;
  }

  if (*compile_command) {
    /* The compiler must not eat the program's stdin, and its chatter belongs on stderr. */
    char *compile[] = {"sh", "-c", (char *)compile_command, NULL};
    int status = wait_for(start(compile, nothing, 2, -1));
    if (status != 0) {
      write_all(1, "C", 1);
      report_end(nonce, status);
    }
  }
  write_all(1, "R", 1);
  if (interactive) report_end(nonce, run_interactive(run_command));
  if (!cases) report_end(nonce, wait_for(start(run_command, input, -1, -1)));
  for (unsigned i = 0; i < case_count; i++) run_case(nonce, i, &cases[i], run_command);
  report_end(nonce, 0);
}
