package bot

import (
	"context"
	"time"

	"vejviser/storage/domain"
)

// ClaimEventNotices is the scheduler's job for events (package events):
// invitations, change notices, "still coming?", reminders and lapsed
// offers, each rendered in its member's language.
func (a *App) ClaimEventNotices(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	return a.events.ClaimNotices(ctx, now)
}
