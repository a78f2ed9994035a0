package tgfake

import (
	"context"
	"sort"
)

// A group's members, as getChatMemberCount and getChatAdministrators see
// them: Telegram counts every member, the bot too (a private chat: 2, the
// user and the bot), and lists the administrators that are not bots, the
// creator among them; a private chat has no administrators.

type groupMember struct {
	user   User
	status string // creator, administrator or member
}

// join records u as a member of group c with status, unless already known.
func (c *chat) join(u User, status string) {
	if c.id >= 0 {
		return
	}
	if c.people == nil {
		c.people = map[int64]groupMember{}
	}
	if _, ok := c.people[u.ID]; !ok {
		c.people[u.ID] = groupMember{user: u, status: status}
	}
}

// SetGroupMembers makes admins (the first the creator) and members the
// people of group groupID besides the bot, replacing who was there.
func (s *Server) SetGroupMembers(groupID int64, admins, members []User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.ensureChatLocked(groupID)
	c.people = map[int64]groupMember{}
	for i, u := range admins {
		st := "administrator"
		if i == 0 {
			st = "creator"
		}
		c.people[u.ID] = groupMember{user: u, status: st}
	}
	for _, u := range members {
		c.join(u, "member")
	}
}

func (s *Server) getChatMemberCount(_ context.Context, req *request) response {
	chatID, e := chatIDParam(req)
	if e != nil {
		return *e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.targetLocked(chatID)
	if e != nil {
		return *e
	}
	if c.id > 0 {
		return okResult(2)
	}
	return okResult(len(c.people) + 1)
}

func (s *Server) getChatAdministrators(_ context.Context, req *request) response {
	chatID, e := chatIDParam(req)
	if e != nil {
		return *e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.targetLocked(chatID)
	if e != nil {
		return *e
	}
	if c.id > 0 {
		return badRequest("there are no administrators in the private chat")
	}
	out := []apiChatMember{}
	for _, p := range c.people {
		if p.status == "creator" || p.status == "administrator" {
			out = append(out, apiChatMember{Status: p.status, User: userToAPI(p.user)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].User.ID < out[j].User.ID })
	return okResult(out)
}
