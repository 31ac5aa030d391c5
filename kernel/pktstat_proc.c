// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
/*
 * /proc/net/xt_pktstat: NAME/stream (a reader per open file), NAME/data
 * (drained by reading, one reader shared by its files), NAME/info and tags.
 *
 * stream and data have their own read(): lines are formatted a page at a
 * time under the cursor's lock and kept for the file until it reads them;
 * what a data file never reads goes back to the object's reader as lost.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include "pktstat_compat.h"
#include "pktstat_format.h"
#include "pktstat_proc.h"

/*
 * Owner and mode of the /proc/net/xt_pktstat entries, set when the module is
 * loaded and read-only afterwards, so that every entry has the same. The
 * owner is taken in the user namespace that owns the network namespace:
 * in a container, proc_uid=0 is the container's root, as for the rest of
 * its /proc/net.
 */
static unsigned int proc_uid;
static unsigned int proc_gid;
static unsigned int proc_perms = 0440;

static int pktstat_set_id(const char *val, const struct kernel_param *kp)
{
	unsigned int id;
	int err = kstrtouint(val, 0, &id);

	if (err)
		return err;
	/* (uid_t)-1 is no one */
	if (!uid_valid(make_kuid(&init_user_ns, id)))
		return -EINVAL;
	*(unsigned int *)kp->arg = id;
	return 0;
}

/* procfs would turn a mode without read bits into 0444: refuse it. */
static int pktstat_set_perms(const char *val, const struct kernel_param *kp)
{
	unsigned int mode;
	int err = kstrtouint(val, 0, &mode);

	if (err)
		return err;
	if (mode & ~0666 || !(mode & 0444))
		return -EINVAL;
	*(unsigned int *)kp->arg = mode;
	return 0;
}

static const struct kernel_param_ops pktstat_id_ops = {
	.set	= pktstat_set_id,
	.get	= param_get_uint,
};

static const struct kernel_param_ops pktstat_perms_ops = {
	.set	= pktstat_set_perms,
	.get	= param_get_uint,
};

module_param_cb(proc_uid, &pktstat_id_ops, &proc_uid, 0444);
MODULE_PARM_DESC(proc_uid, "owner of the /proc/net/xt_pktstat entries, in the namespace's user namespace (default 0)");
module_param_cb(proc_gid, &pktstat_id_ops, &proc_gid, 0444);
MODULE_PARM_DESC(proc_gid, "group of the /proc/net/xt_pktstat entries, in the namespace's user namespace (default 0)");
module_param_cb(proc_perms, &pktstat_perms_ops, &proc_perms, 0444);
MODULE_PARM_DESC(proc_perms, "mode of the /proc/net/xt_pktstat files (octal with a leading 0), with a read bit, within 0666 (default 0440)");

/* Lines formatted ahead of the reader, and how many a read() may return. */
#define PKTSTAT_BUF_SIZE	4096
#define PKTSTAT_READ_MAX	(16 * PKTSTAT_BUF_SIZE)

/* One open data or stream file. */
struct pktstat_reader {
	struct pktstat_object *obj;
	struct pktstat_cursor *cur;	/* the file's own, or the object's */
	struct mutex *lock;		/* guards cur */
	struct mutex own_lock;		/* for a cursor of the file's own */
	bool stream;
	bool started;			/* the header is out */
	bool in_pass;			/* a pass has begun and not ended */
	bool eof;			/* the pass ended: next read() is 0 */
	bool done;			/* data: its one pass is over */
	struct pktstat_record idle;	/* data: empty buckets still to print */
	unsigned int off, len;		/* buf[off..len) is still to be copied */
	char buf[PKTSTAT_BUF_SIZE];
};

static unsigned int pktstat_fmt_lost(char *p, const struct pktstat_record *rec)
{
	return scnprintf(p, PKTSTAT_LINE_MAX, XT_PKTSTAT_LOST_FORMAT "\n",
			 rec->count, rec->frames, rec->bytes);
}

/* The header of a reader's first pass. */
static unsigned int pktstat_fmt_header(struct pktstat_reader *r, char *p)
{
	if (!r->stream)
		return scnprintf(p, PKTSTAT_LINE_MAX, "%s\n",
				 XT_PKTSTAT_DATA_HEADER);
	return scnprintf(p, 2 * PKTSTAT_LINE_MAX,
			 "%s\n" XT_PKTSTAT_BEFORE_FORMAT "\n",
			 XT_PKTSTAT_STREAM_HEADER, r->cur->before_frames,
			 r->cur->before_bytes);
}

/*
 * An idle run: one line in stream; data prints every empty bucket on a line
 * of its own, as it always did.
 */
static unsigned int pktstat_fmt_idle(struct pktstat_reader *r, char *p)
{
	const struct pktstat_geometry *g = &r->obj->ring.geo;
	const u64 n = r->stream ? r->idle.count : 1;
	const u64 start_ns = pktstat_bucket_start_ns(g, r->idle.bucket);

	r->idle.bucket += n;
	r->idle.count -= n;
	return pktstat_fmt_bucket(p, start_ns, 0, 0, n);
}

/* Format the next line at @p; 0 when the pass is over. */
static unsigned int pktstat_fmt_next(struct pktstat_reader *r, char *p)
{
	const struct pktstat_geometry *g = &r->obj->ring.geo;
	struct pktstat_record rec;

	if (r->idle.count)
		return pktstat_fmt_idle(r, p);
	pktstat_cursor_next(r->cur, &r->obj->ring, &rec);
	switch (rec.kind) {
	case PKTSTAT_REC_BUCKET:
		return pktstat_fmt_bucket(p, pktstat_bucket_start_ns(g, rec.bucket),
					  rec.frames, rec.bytes, 1);
	case PKTSTAT_REC_IDLE:
		r->idle = rec;
		return pktstat_fmt_idle(r, p);
	case PKTSTAT_REC_LOST:
		return pktstat_fmt_lost(p, &rec);
	case PKTSTAT_REC_END:
		break;
	}
	return 0;
}

/* Fill buf with whole lines, beginning a pass if none is under way. */
static void pktstat_reader_fill(struct pktstat_reader *r)
{
	unsigned int n;

	r->off = 0;
	r->len = 0;
	if (!r->in_pass) {
		if (r->done || r->eof)
			return;
		pktstat_object_begin(r->obj, r->cur);
		r->in_pass = true;
		if (!r->started) {
			r->len = pktstat_fmt_header(r, r->buf);
			r->started = true;
		}
	}
	while (r->len + PKTSTAT_LINE_MAX <= sizeof(r->buf)) {
		n = pktstat_fmt_next(r, r->buf + r->len);
		if (!n) {
			r->in_pass = false;
			r->eof = r->stream;
			r->done = !r->stream;
			break;
		}
		r->len += n;
	}
}

static int pktstat_reader_open(struct inode *inode, struct file *file,
			       bool stream)
{
	struct pktstat_object *obj = pde_data(inode);
	struct pktstat_reader *r;

	r = kvzalloc(sizeof(*r), GFP_KERNEL_ACCOUNT);
	if (!r)
		return -ENOMEM;
	r->obj = obj;
	r->stream = stream;
	mutex_init(&r->own_lock);
	if (stream) {
		r->cur = pktstat_object_cursor();
		if (!r->cur) {
			kvfree(r);
			return -ENOMEM;
		}
		r->lock = &r->own_lock;
	} else {
		r->cur = obj->data;
		r->lock = &obj->lock;
	}
	file->private_data = r;
	return nonseekable_open(inode, file);
}

static int pktstat_data_open(struct inode *inode, struct file *file)
{
	return pktstat_reader_open(inode, file, false);
}

static int pktstat_stream_open(struct inode *inode, struct file *file)
{
	return pktstat_reader_open(inode, file, true);
}

/*
 * data: lines formatted but not read in full when the file closes go back
 * to the object's reader as lost, so that the next read reports them.
 */
static void pktstat_reader_giveback(struct pktstat_reader *r)
{
	struct pktstat_record rec;
	unsigned long long start, a, b, c;
	unsigned int i = r->off;
	char *line, *eol;

	if (r->idle.count)
		pktstat_cursor_undeliver(r->cur, &r->idle);
	/* a line begun but not finished is not delivered either */
	while (i > 0 && r->buf[i - 1] != '\n')
		i--;
	for (line = r->buf + i; line < r->buf + r->len; line = eol + 1) {
		eol = memchr(line, '\n', r->buf + r->len - line);
		if (!eol)
			break;	/* cannot happen: buf holds whole lines */
		*eol = '\0';
		if (sscanf(line, XT_PKTSTAT_LOST_FORMAT, &a, &b, &c) == 3)
			rec = (struct pktstat_record){ .kind = PKTSTAT_REC_LOST,
				.count = a, .frames = b, .bytes = c };
		else if (sscanf(line, "%llu %llu %llu", &start, &b, &c) == 3)
			rec = (struct pktstat_record){ .kind = PKTSTAT_REC_BUCKET,
				.count = 1, .frames = b, .bytes = c };
		else
			continue;
		pktstat_cursor_undeliver(r->cur, &rec);
	}
}

static int pktstat_reader_release(struct inode *inode, struct file *file)
{
	struct pktstat_reader *r = file->private_data;

	if (r->stream) {
		pktstat_object_cursor_free(r->cur);
	} else {
		mutex_lock(r->lock);
		pktstat_reader_giveback(r);
		mutex_unlock(r->lock);
	}
	mutex_destroy(&r->own_lock);
	kvfree(r);
	return 0;
}

/*
 * Copy what is formatted, formatting more as needed: a bounded amount per
 * call, and the cursor's lock taken so that a fatal signal interrupts the
 * wait. A stream pass ends with one read() of 0; the next begins the next.
 */
static ssize_t pktstat_reader_read(struct file *file, char __user *buf,
				   size_t count, loff_t *ppos)
{
	struct pktstat_reader *r = file->private_data;
	size_t done = 0, n;
	int err = 0;

	count = min_t(size_t, count, PKTSTAT_READ_MAX);
	if (mutex_lock_killable(r->lock))
		return -EINTR;
	while (done < count) {
		if (r->off == r->len) {
			cond_resched();
			pktstat_reader_fill(r);
			if (!r->len)
				break;
		}
		n = min_t(size_t, count - done, r->len - r->off);
		n -= copy_to_user(buf + done, r->buf + r->off, n);
		r->off += n;
		done += n;
		if (r->off < r->len && done < count) {
			err = -EFAULT;
			break;
		}
	}
	if (!done && r->eof && r->off == r->len)
		r->eof = false;	/* this 0 ends the pass */
	mutex_unlock(r->lock);
	*ppos += done;
	return done ? done : err;
}

static const struct proc_ops pktstat_data_ops = {
	.proc_open	= pktstat_data_open,
	.proc_read	= pktstat_reader_read,
	.proc_release	= pktstat_reader_release,
	.proc_lseek	= pktstat_no_llseek,
};

static const struct proc_ops pktstat_stream_ops = {
	.proc_open	= pktstat_stream_open,
	.proc_read	= pktstat_reader_read,
	.proc_release	= pktstat_reader_release,
	.proc_lseek	= pktstat_no_llseek,
};

/* data reads hold the lock for one bounded read() at a time */
static int pktstat_info_show(struct seq_file *m, void *v)
{
	struct pktstat_object *obj = m->private;
	const struct pktstat_cursor *data = obj->data;
	u64 frames, bytes;

	pktstat_ring_totals(&obj->ring, &frames, &bytes);
	if (mutex_lock_killable(&obj->lock))
		return -EINTR;
	seq_printf(m, "name %s\nperiod_ns %llu\nsamples %u\nrules %u\n",
		   obj->name, obj->ring.geo.period_ns, obj->samples,
		   READ_ONCE(obj->rules));
	seq_printf(m, "created_ns %llu\nframes %llu\nbytes %llu\n",
		   obj->created_ns, frames, bytes);
	seq_printf(m, "read_frames %llu\nread_bytes %llu\n",
		   data->read_frames, data->read_bytes);
	seq_printf(m, "lost_buckets %llu\nlost_frames %llu\nlost_bytes %llu\n",
		   data->lost_buckets, data->lost_frames, data->lost_bytes);
	seq_printf(m, "memory_bytes %zu\n", pktstat_object_memory(obj));
	if (pktstat_object_has_addrs(obj))
		seq_printf(m, "max_addresses %u\nprefix4 %u\nprefix6 %u\naddresses %u\n",
			   obj->addrs.max, obj->addrs.prefix4,
			   obj->addrs.prefix6,
			   min_t(u32, atomic_read(&obj->addrs.used),
				 obj->addrs.max));
	mutex_unlock(&obj->lock);
	return 0;
}

/*
 * Every tag, under the namespace's lock: one line each, with a reschedule
 * between lines, and a fatal signal ends the read (-EINTR). A buffer found
 * too small ends the walk at once: seq_file calls again with a larger one.
 */
static int pktstat_tags_show(struct seq_file *m, void *v)
{
	struct pktstat_net *pn = m->private;
	struct pktstat_tag *tag;
	u64 frames, bytes;
	int err = 0;

	seq_puts(m, XT_PKTSTAT_TAGS_HEADER "\n");
	if (mutex_lock_killable(&pn->lock))
		return -EINTR;
	list_for_each_entry(tag, &pn->tags, list) {
		if (seq_has_overflowed(m))
			break;
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			break;
		}
		pktstat_tag_totals(tag, &frames, &bytes);
		seq_printf(m, "%s %s %llu %llu %s\n",
			   pktstat_family_name(tag->family), tag->name,
			   frames, bytes, tag->desc);
		cond_resched();
	}
	mutex_unlock(&pn->lock);
	return err;
}

/*
 * proc_uid/proc_gid as the namespace's owner sees them. An id it does not
 * map gives its root, and a namespace made before its ids were mapped (at
 * unshare -r, the map is written just after) its creator, whom the map
 * makes its root.
 */
static void pktstat_proc_own(struct pktstat_net *pn, struct proc_dir_entry *pde)
{
	struct user_namespace *ns = pn->user_ns;
	kuid_t uid = make_kuid(ns, proc_uid);
	kgid_t gid = make_kgid(ns, proc_gid);

	if (!uid_valid(uid))
		uid = make_kuid(ns, 0);
	if (!uid_valid(uid))
		uid = ns->owner;
	if (!gid_valid(gid))
		gid = make_kgid(ns, 0);
	if (!gid_valid(gid))
		gid = ns->group;
	proc_set_user(pde, uid, gid);
}

int pktstat_proc_object_add(struct pktstat_net *pn, struct pktstat_object *obj)
{
	umode_t mode = proc_perms & 0666;
	struct proc_dir_entry *pde;

	if (!pn->dir)
		return -ENOENT;
	obj->dir = proc_mkdir(obj->name, pn->dir);
	if (!obj->dir)
		return -ENOMEM;
	pktstat_proc_own(pn, obj->dir);
	pde = proc_create_data("data", mode, obj->dir, &pktstat_data_ops, obj);
	if (!pde)
		goto fail;
	pktstat_proc_own(pn, pde);
	pde = proc_create_data("stream", mode, obj->dir, &pktstat_stream_ops,
			       obj);
	if (!pde)
		goto fail;
	pktstat_proc_own(pn, pde);
	pde = proc_create_single_data("info", mode, obj->dir,
				      pktstat_info_show, obj);
	if (!pde)
		goto fail;
	pktstat_proc_own(pn, pde);
	if (pktstat_object_has_addrs(obj)) {
		pde = proc_create_seq_data(XT_PKTSTAT_PROC_ADDRESSES, mode,
					   obj->dir, &pktstat_addrs_seq_ops,
					   &obj->addrs);
		if (!pde)
			goto fail;
		pktstat_proc_own(pn, pde);
	}
	return 0;
fail:
	pktstat_proc_object_remove(obj);
	return -ENOMEM;
}

/* Waits for reads in progress; once it returns, obj may be freed. */
void pktstat_proc_object_remove(struct pktstat_object *obj)
{
	proc_remove(obj->dir);
	obj->dir = NULL;
}

int pktstat_proc_net_init(struct net *net, struct pktstat_net *pn)
{
	struct proc_dir_entry *pde;

	pn->dir = proc_mkdir(XT_PKTSTAT_PROC_DIR, net->proc_net);
	if (!pn->dir)
		return -ENOMEM;
	pktstat_proc_own(pn, pn->dir);
	pde = proc_create_single_data(XT_PKTSTAT_PROC_TAGS, proc_perms & 0666,
				      pn->dir, pktstat_tags_show, pn);
	if (!pde) {
		proc_remove(pn->dir);
		pn->dir = NULL;
		return -ENOMEM;
	}
	pktstat_proc_own(pn, pde);
	return 0;
}

void pktstat_proc_net_exit(struct net *net, struct pktstat_net *pn)
{
	remove_proc_subtree(XT_PKTSTAT_PROC_DIR, net->proc_net);
}
