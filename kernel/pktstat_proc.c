// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
/*
 * /proc/net/xt_pktstat: NAME/data (drained by reading), NAME/info and tags.
 *
 * data has its own read(): a line is formatted only when the reader has room
 * for it or will get the rest at its next read, so the buckets it drains
 * always reach userspace, whatever the buffer sizes.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "pktstat_compat.h"
#include "pktstat_proc.h"

static unsigned int proc_uid;
module_param(proc_uid, uint, 0644);
MODULE_PARM_DESC(proc_uid, "owner of the /proc/net/xt_pktstat entries (default 0)");
static unsigned int proc_gid;
module_param(proc_gid, uint, 0644);
MODULE_PARM_DESC(proc_gid, "group of the /proc/net/xt_pktstat entries (default 0)");
static unsigned int proc_perms = 0440;
module_param(proc_perms, uint, 0644);
MODULE_PARM_DESC(proc_perms, "mode of the /proc/net/xt_pktstat files (default 0440)");

enum pktstat_read_step {
	PKTSTAT_HEADER,		/* column names */
	PKTSTAT_LOST_BEFORE,	/* what was dropped before this read */
	PKTSTAT_BUCKETS,	/* closed buckets, oldest first */
	PKTSTAT_LOST_AFTER,	/* what was overwritten while we read */
	PKTSTAT_DONE,
};

struct pktstat_reader {
	struct pktstat_object *obj;
	enum pktstat_read_step step;
	u64 end;		/* buckets before this one are closed */
	unsigned int len, off;	/* line[off..len) is still to be copied */
	char line[96];
};

static bool pktstat_reader_lost(struct pktstat_reader *r)
{
	u64 buckets, frames, bytes;

	if (!pktstat_object_losses(r->obj, &buckets, &frames, &bytes))
		return false;
	r->len = scnprintf(r->line, sizeof(r->line), XT_PKTSTAT_LOST_FORMAT "\n",
			   buckets, frames, bytes);
	return true;
}

/* Put the next line in r->line; false when the read is complete. */
static bool pktstat_reader_fill(struct pktstat_reader *r)
{
	u64 start_ns, frames, bytes;

	r->off = 0;
	r->len = 0;
	while (!r->len) {
		switch (r->step) {
		case PKTSTAT_HEADER:
			r->end = pktstat_object_start_pass(r->obj);
			r->len = scnprintf(r->line, sizeof(r->line), "%s\n",
					   XT_PKTSTAT_DATA_HEADER);
			r->step = PKTSTAT_LOST_BEFORE;
			break;
		case PKTSTAT_LOST_BEFORE:
			pktstat_reader_lost(r);
			r->step = PKTSTAT_BUCKETS;
			break;
		case PKTSTAT_BUCKETS:
			if (r->obj->next >= r->end) {
				r->step = PKTSTAT_LOST_AFTER;
				break;
			}
			pktstat_object_take(r->obj, &start_ns, &frames, &bytes);
			r->len = scnprintf(r->line, sizeof(r->line),
					   "%llu %llu %llu\n",
					   start_ns, frames, bytes);
			break;
		case PKTSTAT_LOST_AFTER:
			pktstat_reader_lost(r);
			r->step = PKTSTAT_DONE;
			break;
		case PKTSTAT_DONE:
			return false;
		}
	}
	return true;
}

static int pktstat_data_open(struct inode *inode, struct file *file)
{
	struct pktstat_reader *r;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->obj = pde_data(inode);
	file->private_data = r;
	return nonseekable_open(inode, file);
}

static int pktstat_data_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static ssize_t pktstat_data_read(struct file *file, char __user *buf,
				 size_t count, loff_t *ppos)
{
	struct pktstat_reader *r = file->private_data;
	size_t done = 0, n;
	int err = 0;

	if (mutex_lock_interruptible(&r->obj->lock))
		return -ERESTARTSYS;
	while (done < count) {
		if (r->off == r->len && !pktstat_reader_fill(r))
			break;
		n = min_t(size_t, count - done, r->len - r->off);
		if (copy_to_user(buf + done, r->line + r->off, n)) {
			err = -EFAULT;
			break;
		}
		r->off += n;
		done += n;
	}
	mutex_unlock(&r->obj->lock);
	*ppos += done;
	return done ? done : err;
}

static const struct proc_ops pktstat_data_ops = {
	.proc_open	= pktstat_data_open,
	.proc_read	= pktstat_data_read,
	.proc_release	= pktstat_data_release,
	.proc_lseek	= pktstat_no_llseek,
};

static int pktstat_info_show(struct seq_file *m, void *v)
{
	struct pktstat_object *obj = m->private;
	u64 frames, bytes;

	pktstat_ring_totals(&obj->ring, &frames, &bytes);
	mutex_lock(&obj->lock);
	seq_printf(m, "name %s\nperiod_ns %llu\nsamples %u\nrules %u\n",
		   obj->name, obj->ring.geo.period_ns, obj->samples,
		   READ_ONCE(obj->rules));
	seq_printf(m, "created_ns %llu\nframes %llu\nbytes %llu\n",
		   obj->created_ns, frames, bytes);
	seq_printf(m, "read_frames %llu\nread_bytes %llu\n",
		   obj->read_frames, obj->read_bytes);
	seq_printf(m, "lost_buckets %llu\nlost_frames %llu\nlost_bytes %llu\n",
		   obj->lost_buckets, obj->lost_frames, obj->lost_bytes);
	seq_printf(m, "memory_bytes %zu\n", pktstat_object_memory(obj));
	mutex_unlock(&obj->lock);
	return 0;
}

static int pktstat_tags_show(struct seq_file *m, void *v)
{
	struct pktstat_net *pn = m->private;
	struct pktstat_tag *tag;
	u64 frames, bytes;

	seq_puts(m, XT_PKTSTAT_TAGS_HEADER "\n");
	mutex_lock(&pn->lock);
	list_for_each_entry(tag, &pn->tags, list) {
		pktstat_tag_totals(tag, &frames, &bytes);
		seq_printf(m, "%s %s %llu %llu %s\n",
			   pktstat_family_name(tag->family), tag->name,
			   frames, bytes, tag->desc);
	}
	mutex_unlock(&pn->lock);
	return 0;
}

static void pktstat_proc_own(struct proc_dir_entry *pde)
{
	proc_set_user(pde, make_kuid(&init_user_ns, proc_uid),
		      make_kgid(&init_user_ns, proc_gid));
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
	pktstat_proc_own(obj->dir);
	pde = proc_create_data("data", mode, obj->dir, &pktstat_data_ops, obj);
	if (!pde)
		goto fail;
	pktstat_proc_own(pde);
	pde = proc_create_single_data("info", mode, obj->dir,
				      pktstat_info_show, obj);
	if (!pde)
		goto fail;
	pktstat_proc_own(pde);
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
	pktstat_proc_own(pn->dir);
	pde = proc_create_single_data(XT_PKTSTAT_PROC_TAGS, proc_perms & 0666,
				      pn->dir, pktstat_tags_show, pn);
	if (!pde) {
		proc_remove(pn->dir);
		pn->dir = NULL;
		return -ENOMEM;
	}
	pktstat_proc_own(pde);
	return 0;
}

void pktstat_proc_net_exit(struct net *net, struct pktstat_net *pn)
{
	remove_proc_subtree(XT_PKTSTAT_PROC_DIR, net->proc_net);
}
