/*
 * ping: the client half of a ping-pong over the network (see pong.c).  It
 * first checks that Send and Receive refuse bad arguments, then sends
 * three messages to box 0 of machine 0, from its box 1, prints each
 * answer, and exits with the number of answers.
 */
#include "syscall.h"

int main(void)
{
    MailAddress server, from;
    char buf[64];
    int i, n, answers = 0;

    server.machine = 0;
    server.box = 0;
    if (Send(&server, 1, (char *)0x7ffffff0, 4) != -1 ||
        Send((MailAddress *)0, 1, "x", 1) != -1 ||
        Send(&server, 99, "x", 1) != -1 ||
        Send(&server, 1, "x", 0) != -1 ||
        Receive(-1, buf, 4, &from) != -1 ||
        Receive(1, buf, 4, (MailAddress *)0) != -1) {
        Print("ping: a bad argument was accepted\n");
        return -1;
    }
    for (i = 0; i < 3; i++) {
        buf[0] = 'p'; buf[1] = 'i'; buf[2] = 'n'; buf[3] = 'g'; buf[4] = ' '; buf[5] = '0' + i;
        if (Send(&server, 1, buf, 6) < 0)
            return -2;
        n = Receive(1, buf, sizeof buf - 1, &from);
        if (n < 0)
            return -3;
        buf[n] = 0;
        Printf("ping: \"%s\" from machine %d, box %d\n", (int)buf, from.machine, from.box);
        answers++;
    }
    return answers;
}
