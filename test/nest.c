/*
 * nest.c -- a program that runs itself: a chain of four processes.
 *
 * Exec takes no arguments, so each level tells the next one who it is
 * through a file, nest.depth (in the --fs-root directory): the level the
 * child will be and the parent's process id.  Level 1 finds no file.
 * Each level up to 3 writes the file, Execs "nest" (found beside this
 * program) and Joins it; level 4 removes the file and ends.  Every level
 * returns its child's status times 10 plus its own level, so the status
 * of level 1 spells out the whole chain of Joins.
 *
 * Each level also checks that it cannot Join its own parent: Join is
 * only for a process's children.
 *
 * Expected: "nest: level N is pid N" for N = 1..4, then
 * "nest: level N joined level N+1: S" for N = 3, 2, 1 with S = 4, 43,
 * 432; exits with 4321.  With too little memory for the whole chain,
 * the level whose Exec returns -1 exits with -2 (with --phys-pages 40,
 * level 2 does, and level 1 exits with -2 * 10 + 1 = -19).  If a run was
 * cut short, delete the nest.depth file it left behind.
 */

#include "syscall.h"

#define DEPTH 4
#define STATE_FILE "nest.depth"

/* What a level tells its child. */
struct state {
	int level;	/* the child's level */
	int parent;	/* the parent's process id */
};

/* readState fills s from the file, or with level 1 if there is none. */
static void readState(struct state *s)
{
	int fd = Open(STATE_FILE);

	s->level = 1;
	s->parent = -1;
	if (fd < 0)
		return;
	if (Read((char *)s, sizeof *s, fd) != sizeof *s)
		s->level = -1;
	Close(fd);
}

static void writeState(struct state *s)
{
	int fd;

	Create(STATE_FILE);
	fd = Open(STATE_FILE);
	Write((char *)s, sizeof *s, fd);
	Close(fd);
}

int main(void)
{
	struct state s;
	int level, status;
	SpaceId child;

	readState(&s);
	level = s.level;
	if (level < 1 || level > DEPTH)
		return -3;			/* a broken state file */
	Printf("nest: level %d is pid %d\n", level, GetPid(), 0);
	if (s.parent >= 0 && Join(s.parent) != -1)
		return -1;			/* Join of a parent must fail */
	if (level == DEPTH) {
		Remove(STATE_FILE);
		return level;
	}

	s.level = level + 1;
	s.parent = GetPid();
	writeState(&s);
	child = Exec("nest");
	if (child < 0) {
		Remove(STATE_FILE);
		return -2;
	}
	status = Join(child);
	Printf("nest: level %d joined level %d: %d\n", level, level + 1, status);
	return status * 10 + level;
}
