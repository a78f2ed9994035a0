package storage

import (
	"context"
	"testing"
)

// A checkpoint held back by a reader is tried again by FlushForgotten until
// it gets through, so a forgotten member's zeroed pages reach the database
// file even when the bot was busy at the moment of /forget.
func TestFlushForgottenTriesAgain(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	register(t, s, 1, "da", "participant")
	register(t, s, 2, "da", "participant")
	// A reader in the middle of a read, on a snapshot that needs the log.
	rtx, err := s.r.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := rtx.GetContext(ctx, &n, `SELECT count(*) FROM members`); err != nil {
		t.Fatal(err)
	}
	if err := s.Forget(ctx, 2, t0); err != nil {
		t.Fatal(err)
	}
	if !s.unflushed.Load() {
		t.Fatal("the checkpoint got through beside a reader: the test shows nothing")
	}
	if res, err := s.FlushForgotten(ctx, t0); err != nil || res.Next.IsZero() {
		t.Fatalf("with the reader still there: %+v, %v (want to try again later)", res, err)
	}
	_ = rtx.Rollback()
	if res, err := s.FlushForgotten(ctx, t0); err != nil || !res.Next.IsZero() || s.unflushed.Load() {
		t.Fatalf("after the reader: %+v, %v, still unflushed %v", res, err, s.unflushed.Load())
	}
}
