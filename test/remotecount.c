/*
 * remotecount: ten threads add to a monitor variable under a lock, five
 * times each.  Run with a lock server (--remote), the lock and the variable
 * are the server's, shared by name with every other machine running
 * remotecount: the total is exact only if the lock works across machines.
 *
 *     nachos cluster "-m 0 --server" "-x test/remotecount --remote 0" \
 *                    "-x test/remotecount --remote 0"
 *
 * Each thread yields between reading and writing the variable, inviting
 * a lost update that only the lock prevents.  The program prints the total
 * it sees when its own threads are done; the last machine to finish sees
 * 50 times the number of machines.  If the server crashes, Acquire returns
 * -1 (after the network has given up on it, or a rebooted server knows no
 * such lock) and remotecount exits with 1.
 */
#include "syscall.h"

#define THREADS 10
#define ROUNDS 5

int lock, total, finished, failed;

void worker(void)
{
    int i, v;

    for (i = 0; i < ROUNDS; i++) {
        if (Acquire(lock) < 0) {        /* the server is gone */
            failed++;
            break;
        }
        v = GetMV(total);
        Yield();
        SetMV(total, v + 1);
        Release(lock);
    }
    V(finished);
}

int main(void)
{
    int i, seen;

    lock = CreateLock("counter lock");
    total = CreateMV("total", 0);
    finished = CreateSemaphore("finished", 0);
    if (lock < 0 || total < 0 || finished < 0)
        return -1;
    for (i = 0; i < THREADS; i++)
        Fork(worker);
    for (i = 0; i < THREADS; i++)
        P(finished);
    if (failed) {
        Printf("remotecount: %d threads could not take the lock: the server crashed, or lost it\n", failed, 0, 0);
        return 1;
    }
    Acquire(lock);
    seen = GetMV(total);
    Release(lock);
    Printf("remotecount: my threads are done; the total is %d\n", seen, 0, 0);
    return 0;
}
