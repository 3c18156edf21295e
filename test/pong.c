/*
 * pong: the server half of a ping-pong over the network.  It waits for
 * three messages in its box 0 and answers each, to the box it came from,
 * with the message and " pong" added.  Run it on machine 0 of a cluster
 * with ping on the others:
 *
 *     nachos cluster "-m 0 -x test/pong" "-m 1 -x test/ping"
 */
#include "syscall.h"

int main(void)
{
    char buf[64];
    MailAddress from;
    int i, n, k;

    for (i = 0; i < 3; i++) {
        n = Receive(0, buf, sizeof buf - 6, &from);
        if (n < 0)
            return -1;
        Printf("pong: got %d bytes from machine %d, box %d\n", n, from.machine, from.box);
        k = n;
        buf[k++] = ' '; buf[k++] = 'p'; buf[k++] = 'o'; buf[k++] = 'n'; buf[k++] = 'g';
        if (Send(&from, 0, buf, k) < 0)
            return -2;
    }
    return 3;
}
