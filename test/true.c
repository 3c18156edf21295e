/*
 * true.c -- does nothing, successfully: the smallest process there is.
 * spawn runs it a hundred times to measure what starting a process costs.
 *
 * Expected: exits with 0.
 */

int main(void)
{
	return 0;
}
