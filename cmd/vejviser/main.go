// Command vejviser runs the Vejviser Telegram bot of the Red Cross
// integration groups, its offline demo, and admin subcommands. main only
// wires the process to run; run does the work and is what tests call.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // Europe/Copenhagen without relying on the host's zoneinfo
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "vejviser:", err)
	}
	os.Exit(exit(err))
}

// exit is the exit status for run's result: 0, 2 for a bad setting or
// argument, 1 for any other failure.
func exit(err error) int {
	if err == nil {
		return 0
	}
	var ce *configError
	if errors.As(err, &ce) {
		return 2
	}
	return 1
}
