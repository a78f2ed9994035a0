package activities

import (
	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// Feature is the activities part of the chat. It needs nothing beyond the
// shared environment: its state is in the store.
type Feature struct {
	*chat.Env
}

// New builds the activities feature on env.
func New(env *chat.Env) *Feature { return &Feature{Env: env} }

// The actions of the feature's buttons and the shapes of their arguments.
// The codes are stored in members' chats: they never change.
var (
	actActFollow       = chat.NewAction("af", chat.ID, chat.Word)          // activity id, on|off|stop
	actActList         = chat.NewAction("al")                              // -
	actActOpen         = chat.NewAction("ao", chat.ID)                     // activity id
	actActDates        = chat.NewAction("ad", chat.ID)                     // activity id
	actActEdit         = chat.NewAction("ae", chat.ID)                     // activity id
	actActArchive      = chat.NewAction("ax", chat.ID, chat.Word)          // activity id, ask|yes
	actActFlow         = chat.NewAction("an", chat.Word, chat.Code)        // step op, value
	actMeeting         = chat.NewAction("am", chat.ID, chat.ID)            // activity id, slot (unix seconds)
	actMeetingOp       = chat.NewAction("mo", chat.ID, chat.ID, chat.Word) // activity id, slot, cancel|move|restore
	actMeetingNoReason = chat.NewAction("mn")                              // -
	actMeetingFlow     = chat.NewAction("mf", chat.Word, chat.Code)        // preview op (lang|send), value
	actHeadCount       = chat.NewAction("hc", chat.ID, chat.ID, chat.Word) // activity id, slot, open|adult|child|first|undo|done
)

// Routes is the feature's part of the index: its commands, buttons and the
// text typed in its two step-by-step chats.
func (f *Feature) Routes() chat.Routes {
	return chat.Merge(chat.Routes{
		Commands: map[string]chat.Route{
			"activities":  chat.Member(f.cmdActivities),
			"newactivity": chat.Coordinator(f.cmdNewActivity),
			"count":       chat.Volunteer(f.cmdCount),
		},
		Buttons: map[chat.Action]chat.Route{
			actActFollow:       chat.Member(f.onActivityFollow),
			actActList:         chat.Member(f.onActivityList),
			actActOpen:         chat.Coordinator(f.onActivityOpen),
			actActDates:        chat.Coordinator(f.onActivityDates),
			actActEdit:         chat.Coordinator(f.onActivityEdit),
			actActArchive:      chat.Coordinator(f.onActivityArchive),
			actActFlow:         chat.Coordinator(f.onActivityFlow),
			actMeeting:         chat.Coordinator(f.onMeeting),
			actMeetingOp:       chat.Coordinator(f.onMeetingOp),
			actMeetingNoReason: chat.Coordinator(f.onMeetingNoReason),
			actMeetingFlow:     chat.Coordinator(f.onMeetingFlow),
			actHeadCount:       chat.Volunteer(f.onHeadCount),
		},
	}, activityFlow.Routes(domain.RoleCoordinator), meetingFlow.Routes(domain.RoleCoordinator))
}

// The branches an action may read and change, by the role it needs: a
// coordinator's in the branches they coordinate, a volunteer's where they
// volunteer, a member's wherever they belong. Storage limits its queries
// to them, so another branch's activity is answered as a gone one.
func coordinating(r *chat.Request) []int64 { return r.Scope.Branches(domain.RoleCoordinator) }
func volunteering(r *chat.Request) []int64 { return r.Scope.Branches(domain.RoleVolunteer) }
func belonging(r *chat.Request) []int64    { return r.Scope.Branches(domain.RoleParticipant) }
