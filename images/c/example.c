#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  char name[256] = "";
  if (!fgets(name, sizeof name, stdin)) name[0] = '\0';
  name[strcspn(name, "\n")] = '\0';
  if (name[0] == '\0') strcpy(name, "world");
  for (int step = 1; step <= 3; ++step) {
    printf("Hello, %s! (%d/3)\n", name, step);
    fflush(stdout);
    usleep(500000);
  }
}
