# Every instruction the Nachos CPU implements, with varied operands, for
# the disassembler's golden files, and at the end the MIPS32r2
# instructions the CPU refuses but the disassembler names. Assemble and
# disassemble with
#
#	mipsel-linux-gnu-as -mips32r2 -O0 -mno-shared -o allinsns.o allinsns.S
#	mipsel-linux-gnu-objdump -d -z allinsns.o
#
# or just run `go generate ./machine/mipsasm/`, which rewrites the golden
# files (see objdump_test.go).
#
# Each group shows the plain instruction first, then the operand values
# that make objdump print it differently (aliases, omitted codes), then
# edge values: the largest and most negative immediates and codes.

	.set	noreorder	# no automatic delay-slot nops
	.set	noat		# $1 is an ordinary register here
	.set	nomacro		# every line is exactly one instruction
	.text
	.globl	start
start:

# --- shifts: the nops are all SLL $0,$0,n --------------------------------
	sll	$0,$0,0		# nop
	sll	$0,$0,1		# ssnop
	sll	$0,$0,3		# ehb
	sll	$0,$0,5		# pause
	sll	$0,$0,2
	sll	$0,$0,4
	sll	$1,$2,0
	sll	$3,$4,31
	sll	$0,$5,7
	srl	$6,$7,1
	srl	$8,$9,31
	sra	$10,$11,16
	sra	$12,$13,31
	rotr	$14,$15,1
	rotr	$16,$17,31
	sllv	$18,$19,$20
	srlv	$21,$22,$23
	srav	$24,$25,$26
	rotrv	$27,$28,$29
	rotrv	$30,$31,$0

# --- jumps through registers ---------------------------------------------
	jr	$31
	jr	$25
	jr	$0
	jalr	$31,$25		# jalr t9
	jalr	$31,$0
	jalr	$2,$4
	jalr	$0,$4
	.word	0x00000009	# jalr $0,$0: as refuses rd == rs

# --- system calls, breakpoints, traps, sync -------------------------------
	syscall
	syscall	1
	syscall	0x12345
	syscall	0xfffff
	break
	break	7
	break	0x3ff
	break	0,1
	break	7,3
	break	0x3ff,0x3ff
	tge	$4,$5
	tge	$4,$5,7
	tgeu	$6,$7,0x3ff
	tlt	$8,$9
	tlt	$8,$9,1
	tltu	$10,$11
	teq	$12,$13
	teq	$0,$0
	teq	$5,$0,7		# GCC's check for division by zero
	tne	$14,$15
	tne	$31,$30,0x200
	tgei	$4,-1
	tgei	$4,32767
	tgeiu	$5,-32768
	tgeiu	$5,1
	tlti	$6,0
	tltiu	$7,-2
	teqi	$8,100
	teqi	$0,0
	tnei	$9,-100
	sync
	sync	1
	sync	4		# sync_wmb
	sync	0x10		# sync_mb
	sync	0x11		# sync_acquire
	sync	0x12		# sync_release
	sync	0x13		# sync_rmb
	sync	0x1f

# --- Hi and Lo -------------------------------------------------------------
	mfhi	$2
	mthi	$3
	mflo	$4
	mtlo	$5
	mfhi	$0
	mflo	$31
	mult	$4,$5
	multu	$6,$7
	div	$0,$8,$9
	divu	$0,$10,$11
	div	$0,$0,$0
	madd	$12,$13
	maddu	$14,$15
	msub	$16,$17
	msubu	$18,$19
	mul	$2,$4,$5
	mul	$0,$31,$30

# --- three-register arithmetic and logic ---------------------------------
	add	$1,$2,$3
	add	$1,$2,$0
	addu	$4,$5,$6
	addu	$4,$5,$0	# move
	addu	$4,$0,$5
	addu	$4,$0,$0	# move v0,zero
	sub	$7,$8,$9
	sub	$7,$0,$9	# neg
	subu	$10,$11,$12
	subu	$10,$0,$12	# negu
	subu	$10,$12,$0
	and	$13,$14,$15
	or	$16,$17,$18
	or	$16,$17,$0	# move
	or	$16,$0,$17
	xor	$19,$20,$21
	nor	$22,$23,$24
	nor	$22,$23,$0	# objdump has no "not"
	slt	$25,$26,$27
	sltu	$28,$29,$30
	movz	$2,$3,$4
	movn	$5,$6,$7
	clz	$2,$3
	clo	$4,$5
	.word	0x70a32020	# clz a0,a1 with rt=v1, not a0: UNPREDICTABLE, so Decode rejects it
	seb	$2,$3
	seh	$4,$5
	wsbh	$6,$7
	ext	$2,$3,0,1
	ext	$2,$3,3,4
	ext	$4,$5,0,32
	ext	$4,$5,31,1
	ins	$2,$3,0,1
	ins	$2,$3,3,4
	ins	$4,$5,0,32
	ins	$4,$5,31,1

# --- every register as rd, rs and rt --------------------------------------
	addu	$0,$7,$13
	subu	$1,$8,$14
	addu	$2,$9,$15
	subu	$3,$10,$16
	addu	$4,$11,$17
	subu	$5,$12,$18
	addu	$6,$13,$19
	subu	$7,$14,$20
	addu	$8,$15,$21
	subu	$9,$16,$22
	addu	$10,$17,$23
	subu	$11,$18,$24
	addu	$12,$19,$25
	subu	$13,$20,$26
	addu	$14,$21,$27
	subu	$15,$22,$28
	addu	$16,$23,$29
	subu	$17,$24,$30
	addu	$18,$25,$31
	subu	$19,$26,$0
	addu	$20,$27,$1
	subu	$21,$28,$2
	addu	$22,$29,$3
	subu	$23,$30,$4
	addu	$24,$31,$5
	subu	$25,$0,$6
	addu	$26,$1,$7
	subu	$27,$2,$8
	addu	$28,$3,$9
	subu	$29,$4,$10
	addu	$30,$5,$11
	subu	$31,$6,$12
	lw	$0,-64($1)
	lw	$2,-56($3)
	lw	$4,-48($5)
	lw	$6,-40($7)
	lw	$8,-32($9)
	lw	$10,-24($11)
	lw	$12,-16($13)
	lw	$14,-8($15)
	lw	$16,0($17)
	lw	$18,8($19)
	lw	$20,16($21)
	lw	$22,24($23)
	lw	$24,32($25)
	lw	$26,40($27)
	lw	$28,48($29)
	lw	$30,56($31)

# --- immediates ----------------------------------------------------------
	addi	$2,$3,-1
	addi	$2,$3,32767
	addi	$2,$0,-32768
	addiu	$29,$29,-24
	addiu	$29,$29,24
	addiu	$2,$0,1		# li
	addiu	$2,$0,-1	# li
	addiu	$0,$0,0
	slti	$4,$5,-32768
	slti	$4,$5,7
	sltiu	$6,$7,-1
	sltiu	$6,$7,1
	andi	$8,$9,0
	andi	$8,$9,0xffff
	ori	$10,$11,0x8000
	ori	$10,$0,0x1234	# li, in hex
	ori	$10,$0,0
	xori	$12,$13,0xffff
	xori	$12,$0,1
	lui	$14,0
	lui	$14,0xffff
	lui	$28,0x42

# --- loads and stores ------------------------------------------------------
	lb	$2,0($4)
	lh	$3,-2($5)
	lwl	$4,3($6)
	lw	$31,20($29)
	lw	$2,-32768($28)
	lw	$2,32767($0)
	lbu	$5,-1($7)
	lhu	$6,2($8)
	lwr	$7,0($9)
	sb	$8,-32768($10)
	sh	$9,32766($11)
	swl	$10,3($12)
	sw	$31,28($29)
	sw	$0,0($0)
	swr	$11,0($13)

# --- branches, forward and backward ----------------------------------------
back:
	beq	$4,$5,ahead
	beq	$4,$5,back
	beq	$0,$0,ahead	# b
	beq	$0,$0,back
	beq	$4,$0,ahead	# beqz
	beq	$0,$4,ahead
	bne	$6,$7,back
	bne	$6,$0,back	# bnez
	bne	$0,$0,ahead
	blez	$8,ahead
	blez	$0,back
	bgtz	$9,back
	bltz	$10,ahead
	bltz	$0,back
	bgez	$11,back
	bgez	$0,ahead	# b
	bltzal	$12,ahead
	bltzal	$0,back
	bgezal	$13,back
	bgezal	$0,ahead	# bal
	beq	$4,$5,.+4	# the delay slot itself
	beq	$4,$5,.		# a branch to itself
	j	start
	j	ahead
	jal	back
	jal	ahead
	nop
ahead:
	nop

# --- refused by the CPU: atomics, prefetch, thread pointer ------------------
# gas puts a sync before each ll (its fix for a Loongson 3 erratum), so
# the golden files show one there.
	ll	$2,0($4)
	ll	$31,-32768($29)
	sc	$2,32767($4)
	pref	0,0($4)
	pref	30,-8($29)
	rdhwr	$3,$29
	rdhwr	$3,$0
	rdhwr	$3,$2

# --- refused by the CPU: branch-likely -------------------------------------
	beql	$4,$5,start
	beql	$4,$0,end	# beqzl
	beql	$0,$0,end	# still beqzl: objdump has no "bl"
	bnel	$6,$7,start
	bnel	$6,$0,end	# bnezl
	blezl	$8,start
	bgtzl	$9,end
	bltzl	$10,start
	bgezl	$11,end
	bgezl	$0,end		# no alias: not "bl"
	bltzall	$12,start
	bgezall	$13,end
	bgezall	$0,end		# no alias: not "ball"

# --- refused by the CPU: privileged (coprocessor 0, TLB, caches) -----------
	mfc0	$2,$12		# c0_status
	mtc0	$2,$12
	mfc0	$26,$13		# c0_cause
	mfc0	$27,$14		# c0_epc
	mfc0	$2,$8		# c0_badvaddr
	mtc0	$0,$9		# c0_count
	mfc0	$2,$16,1	# c0_config1
	mfc0	$2,$18,3	# c0_watchlo,3: objdump keeps the select
	mfc0	$2,$21		# no name
	mfc0	$2,$31,7	# no name, select 7
	di
	di	$2
	ei
	ei	$3
	rdpgpr	$2,$3
	wrpgpr	$4,$5
	tlbr
	tlbwi
	tlbwr
	tlbp
	eret
	deret
	wait
	wait	0x7ffff
	cache	0x14,0($4)
	cache	31,-4($29)

# --- refused by the CPU: floating point (coprocessor 1) --------------------
	lwc1	$f0,0($4)
	lwc1	$f31,-32768($29)
	swc1	$f2,8($5)
	ldc1	$f4,16($6)
	sdc1	$f30,-8($7)
	mfc1	$2,$f3
	mtc1	$3,$f4
	mfhc1	$2,$f4
	mthc1	$2,$f6
	cfc1	$2,$31		# c1_fcsr
	ctc1	$2,$31
	cfc1	$2,$0		# c1_fir
	cfc1	$2,$5		# no name
	bc1f	start
	bc1t	end
	bc1f	$fcc1,start	# a condition code other than 0 is printed
	bc1t	$fcc7,end
	bc1fl	start
	bc1tl	$fcc2,end
	add.s	$f0,$f2,$f4
	add.d	$f0,$f2,$f4
	sub.s	$f6,$f8,$f10
	sub.d	$f6,$f8,$f10
	mul.s	$f12,$f14,$f16
	mul.d	$f12,$f14,$f16
	div.s	$f18,$f20,$f22
	div.d	$f24,$f26,$f28
	sqrt.s	$f0,$f1
	sqrt.d	$f0,$f2
	abs.s	$f3,$f5
	abs.d	$f4,$f6
	mov.s	$f31,$f30
	mov.d	$f0,$f2
	neg.s	$f7,$f9
	neg.d	$f8,$f10
	cvt.s.d	$f0,$f2
	cvt.s.w	$f0,$f2
	cvt.d.s	$f0,$f2
	cvt.d.w	$f0,$f2
	cvt.w.s	$f0,$f2
	cvt.w.d	$f0,$f2
	trunc.w.s	$f0,$f2
	trunc.w.d	$f0,$f2
	c.eq.s	$f0,$f2
	c.eq.d	$fcc1,$f0,$f2
	c.lt.s	$f4,$f6
	c.lt.d	$fcc7,$f4,$f6
	c.le.s	$f8,$f10
	c.le.d	$f8,$f10
end:
	nop
