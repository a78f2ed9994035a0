package domain

import "testing"

func TestFairKey(t *testing.T) {
	for _, tc := range []struct {
		name      string
		priority  int
		broadcast int64
		cause     string
		want      string
	}{
		{"a reply goes strictly in order", PriorityNotice, 0, KindNotice, ""},
		{"a reminder goes strictly in order", PriorityReminder, 0, "activities.reminder", ""},
		{"a time-critical row of a broadcast is not bulk", PriorityReminder, 7, KindBroadcast, ""},
		{"a broadcast's rows share its key", PriorityBroadcast, 7, KindBroadcast, "broadcast:7"},
		{"another broadcast has another key", PriorityBroadcast, 8, KindBroadcast, "broadcast:8"},
		{"other bulk is keyed by its cause", PriorityBroadcast, 0, "events.invitation", "cause:events.invitation"},
		{"below bulk priority numbers too", PriorityBroadcast + 5, 0, KindNotice, "cause:notice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FairKey(tc.priority, tc.broadcast, tc.cause); got != tc.want {
				t.Errorf("FairKey(%d, %d, %q) = %q, want %q", tc.priority, tc.broadcast, tc.cause, got, tc.want)
			}
		})
	}
}
