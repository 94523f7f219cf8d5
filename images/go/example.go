package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"
)

func main() {
	line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	name := strings.TrimSpace(line)
	if name == "" {
		name = "world"
	}
	for step := 1; step <= 3; step++ {
		fmt.Printf("Hello, %s! (%d/3)\n", name, step)
		time.Sleep(500 * time.Millisecond)
	}
}
