package storage

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"vejviser/storage/domain"
)

// BenchmarkBackup5000Members: an online, checked backup of a database
// with 5,000 members (and their outbox rows from a broadcast to all).
func BenchmarkBackup5000Members(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "big.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for i := int64(1); i <= 5000; i++ {
		if _, err := s.Register(ctx, domain.Registration{ID: i, ChatID: i, DisplayName: "Member", Language: "da", Role: domain.RoleParticipant}, t0); err != nil {
			b.Fatal(err)
		}
	}
	if _, _, err := s.CreateBroadcast(ctx, NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll}, Texts: map[string]string{"da": "Julefest lørdag kl. 14 i Baltorpsalen"}}, t0); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var size int64
	for b.Loop() {
		path, err := s.Backup(ctx, dir, BackupScheduled)
		if err != nil {
			b.Fatal(err)
		}
		st, _ := os.Stat(path)
		size = st.Size()
		os.Remove(path)
	}
	b.ReportMetric(float64(size), "bytes")
}
